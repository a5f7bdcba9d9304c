import { describe, expect, it } from "vitest";
import { zodIssues } from "../errors/zod-issues";
import { createServiceSchema } from "./schemas";

const base = { name: "web", template: "web-dev", instanceGroup: "web" };

function issuesOf(input: unknown) {
  const result = createServiceSchema.safeParse(input);
  if (result.success) throw new Error("expected the input to be refused");
  return zodIssues(result.error);
}

describe("createServiceSchema", () => {
  it("fills in status checks only and a rolling default of one at a time", () => {
    const parsed = createServiceSchema.parse(base);
    expect(parsed.healthCheck).toEqual({ statusChecks: true, http: null });
    expect(parsed.defaultStrategy).toEqual({ type: "rolling", batchSize: 1, maxUnavailable: 0 });
    expect(parsed.description).toBe("");
  });

  it("takes an HTTP check with defaults for status and timeout", () => {
    const parsed = createServiceSchema.parse({ ...base, healthCheck: { http: { path: "/healthz", port: 8080 } } });
    expect(parsed.healthCheck.http).toEqual({ path: "/healthz", port: 8080, expectedStatus: 200, timeoutSeconds: 5 });
  });

  it.each([
    [{ http: { path: "healthz", port: 80 } }, "healthCheck.http.path"],
    [{ http: { path: "/", port: 0 } }, "healthCheck.http.port"],
    [{ http: { path: "/", port: 70_000 } }, "healthCheck.http.port"],
    [{ http: { path: "/", port: 80, expectedStatus: 99 } }, "healthCheck.http.expectedStatus"],
    [{ http: { path: "/", port: 80, timeoutSeconds: 0 } }, "healthCheck.http.timeoutSeconds"],
    [{ http: { path: "/", port: 80, timeoutSeconds: 301 } }, "healthCheck.http.timeoutSeconds"],
    [{ statusChecks: false }, "healthCheck.statusChecks"],
  ])("refuses health check %j at %s", (healthCheck, path) => {
    expect(issuesOf({ ...base, healthCheck }).map((i) => i.path)).toContain(path);
  });

  it("takes each strategy with its defaults", () => {
    expect(createServiceSchema.parse({ ...base, defaultStrategy: { type: "blue-green" } }).defaultStrategy).toEqual({ type: "blue-green", graceMinutes: 15 });
    expect(createServiceSchema.parse({ ...base, defaultStrategy: { type: "canary" } }).defaultStrategy).toEqual({ type: "canary", count: 1, bakeSeconds: 300 });
    expect(createServiceSchema.parse({ ...base, defaultStrategy: { type: "canary", percent: 10, bakeSeconds: 60 } }).defaultStrategy).toEqual({
      type: "canary",
      percent: 10,
      bakeSeconds: 60,
    });
    expect(createServiceSchema.parse({ ...base, defaultStrategy: { type: "rolling", batchSize: 2, maxUnavailable: 1 } }).defaultStrategy).toEqual({
      type: "rolling",
      batchSize: 2,
      maxUnavailable: 1,
    });
  });

  it.each([
    [{ type: "rolling", batchSize: 0 }, "defaultStrategy.batchSize"],
    [{ type: "rolling", maxUnavailable: -1 }, "defaultStrategy.maxUnavailable"],
    [{ type: "blue-green", graceMinutes: -5 }, "defaultStrategy.graceMinutes"],
    [{ type: "canary", percent: 10, count: 1 }, "defaultStrategy.count"],
    [{ type: "canary", percent: 100 }, "defaultStrategy.percent"],
    [{ type: "canary", bakeSeconds: -1 }, "defaultStrategy.bakeSeconds"],
    [{ type: "rolling", graceMinutes: 5 }, "defaultStrategy.graceMinutes"],
    [{ type: "recreate" }, "defaultStrategy.type"],
  ])("refuses strategy %j at %s", (defaultStrategy, path) => {
    expect(issuesOf({ ...base, defaultStrategy }).map((i) => i.path)).toContain(path);
  });

  it("names an unknown strategy type in words", () => {
    expect(issuesOf({ ...base, defaultStrategy: { type: "recreate" } })[0]!.message).toBe('must be "rolling", "blue-green" or "canary"');
  });

  it.each(["https://github.com/acme/web", "http://git.internal/acme/web.git", "git@github.com:acme/web.git", "ssh://git@git.internal:2222/acme/web.git", "git://git.internal/web"])(
    "takes repository URL %s",
    (repositoryUrl) => {
      expect(createServiceSchema.parse({ ...base, repositoryUrl }).repositoryUrl).toBe(repositoryUrl);
    },
  );

  it.each(["github.com/acme/web", "ftp://host/web", "https://user:hunter2@github.com/acme/web", "not a url"])("refuses repository URL %s at repositoryUrl", (repositoryUrl) => {
    expect(issuesOf({ ...base, repositoryUrl }).map((i) => i.path)).toEqual(["repositoryUrl"]);
  });

  it("takes names as sent: capitals are refused with the name that would fit, and so are non-slugs", () => {
    const capitals = issuesOf({ ...base, name: "Checkout-API" });
    expect(capitals.map((i) => i.path)).toEqual(["name"]);
    expect(capitals[0]!.message).toContain("try 'checkout-api'");
    expect(issuesOf({ ...base, name: "-web" }).map((i) => i.path)).toEqual(["name"]);
    expect(issuesOf({ ...base, name: "web app" }).map((i) => i.path)).toEqual(["name"]);
  });

  it("refuses unknown fields at their own path", () => {
    expect(issuesOf({ ...base, owner: "me" }).map((i) => i.path)).toEqual(["owner"]);
  });
});
