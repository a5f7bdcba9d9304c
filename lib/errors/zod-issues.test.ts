import { describe, expect, it } from "vitest";
import { z } from "zod";
import { invalidFromZod, zodIssues } from "./zod-issues";

const schema = z.object({ name: z.string().min(2), nested: z.object({ ttl: z.number() }).strict() }).strict();

describe("zodIssues", () => {
  it("reports each unknown key at its own path and keeps field paths", () => {
    const result = schema.safeParse({ name: "x", extra: 1, nested: { ttl: "1h", other: true } });
    expect(result.success).toBe(false);
    const paths = zodIssues(result.error!).map((i) => i.path).sort();
    expect(paths).toEqual(["extra", "name", "nested.other", "nested.ttl"]);
  });

  it("prefixes query parameters and builds one readable message", () => {
    const error = invalidFromZod(z.object({ page: z.number() }).strict().safeParse({ page: "x", foo: 1 }).error!, "query");
    expect(error.status).toBe(400);
    expect(error.issues.map((i) => i.path).sort()).toEqual(["query.foo", "query.page"]);
    expect(error.message).toMatch(/query\.foo: is not a known field/);
  });
});
