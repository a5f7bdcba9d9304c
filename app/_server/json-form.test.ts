// The public forms' body rules (/api/setup, /api/invite): JSON only, capped before parsing.
import { describe, expect, it, vi } from "vitest";
import { readJsonForm } from "./json-form";

vi.mock("server-only", () => ({}));

const post = (body: string | ReadableStream<Uint8Array>, type = "application/json") =>
  new Request("http://hangar.test/api/invite", { method: "POST", headers: { "content-type": type }, body, duplex: "half" } as RequestInit);

describe("readJsonForm", () => {
  it("parses a JSON body", async () => {
    await expect(readJsonForm(post('{"token":"t"}'), 1024, "form")).resolves.toEqual({ token: "t" });
  });

  it("refuses another content type (415), bad JSON (400) and a body past the limit (413)", async () => {
    await expect(readJsonForm(post('{"token":"t"}', "text/plain"), 1024, "form")).rejects.toMatchObject({ status: 415 });
    await expect(readJsonForm(post("{nope"), 1024, "form")).rejects.toMatchObject({ status: 400, issues: [{ path: "body" }] });
    await expect(readJsonForm(post(JSON.stringify({ password: "x".repeat(5000) })), 1024, "form")).rejects.toMatchObject({ status: 413 });
    // Streamed without a length, it is cut off as it passes the limit.
    const chunk = new TextEncoder().encode("x".repeat(600));
    const stream = new ReadableStream<Uint8Array>({ pull: (controller) => controller.enqueue(chunk) });
    await expect(readJsonForm(post(stream), 1024, "form")).rejects.toMatchObject({ status: 413 });
  });
});
