import { describe, expect, it } from "vitest";
import { zodIssues } from "../errors/zod-issues";
import { classifyArtifact, createReleaseSchema } from "./schemas";

const DIGEST = `sha256:${"a".repeat(64)}`;
const base = { version: "1.4.2", artifact: `ghcr.io/acme/web:1.4.2@${DIGEST}` };

function issuesOf(input: unknown) {
  const result = createReleaseSchema.safeParse(input);
  if (result.success) throw new Error("expected the input to be refused");
  return zodIssues(result.error);
}

describe("classifyArtifact", () => {
  it.each([
    [`ghcr.io/acme/web:1.4.2@${DIGEST}`, "image"],
    ["registry.internal:5000/team/web:2026-12-01", "image"],
    [`acme/web@${DIGEST}`, "image"],
    ["nginx:1.27", "image"],
    ["https://artifacts.acme.dev/web/web-1.4.2.tar.gz", "archive"],
    ["https://bucket.s3.amazonaws.com/web.zip?versionId=3", "archive"],
  ])("%s is an %s", (reference, type) => {
    expect(classifyArtifact(reference)).toEqual({ type });
  });

  it.each([
    ["nginx", /tag or a digest/],
    ["http://artifacts.acme.dev/web.tar.gz", /https/],
    ["https://me:pw@artifacts.acme.dev/web.tar.gz", /credentials/],
    ["Acme/Web:1", /container image/],
    ["acme/web@sha256:abc", /container image/],
  ])("refuses %s", (reference, problem) => {
    const result = classifyArtifact(reference);
    expect("problem" in result && result.problem).toMatch(problem);
  });
});

describe("createReleaseSchema", () => {
  it("takes a release with defaults for config and changelog, the SHA as sent", () => {
    const parsed = createReleaseSchema.parse({ ...base, commitSha: "abcdef1" });
    expect(parsed).toEqual({ ...base, config: {}, changelog: "", commitSha: "abcdef1" });
  });

  it("refuses an uppercase SHA with its lowercase form rather than rewriting it", () => {
    const issues = issuesOf({ ...base, commitSha: "ABCDEF1" });
    expect(issues).toEqual([expect.objectContaining({ path: "commitSha", message: "must be 7-40 lowercase hex digits, as git prints it: try 'abcdef1'" })]);
  });

  it.each([
    [{ version: "" }, "version"],
    [{ version: "1.0/2" }, "version"],
    [{ version: "-1" }, "version"],
    [{ version: "v".repeat(65) }, "version"],
    [{ artifact: "nginx" }, "artifact"],
    [{ commitSha: "abc12" }, "commitSha"],
    [{ commitSha: "z".repeat(40) }, "commitSha"],
    [{ commitSha: "a".repeat(41) }, "commitSha"],
    [{ changelog: "x".repeat(20_001) }, "changelog"],
    [{ config: { LOG_LEVEL: 3 } }, "config.LOG_LEVEL"],
    [{ config: { "bad key": "x" } }, "config.bad key"],
    [{ config: { BIG: "x".repeat(4097) } }, "config.BIG"],
  ])("refuses %j at %s", (change, path) => {
    expect(issuesOf({ ...base, ...change }).map((i) => i.path)).toContain(path);
  });

  it.each([
    { DB_PASSWORD: "hunter2" },
    { stripeApiKey: "x" },
    { GITHUB_TOKEN: "x" },
    { client_secret: "x" },
    { AWS_ACCESS_KEY_ID: "x" },
    { TLS_KEY: "-----BEGIN RSA PRIVATE KEY-----\nabc" },
    { AWS_KEY: "AKIAABCDEFGHIJKLMNOP" },
    { DATABASE_URL: "postgres://app:hunter2@db:5432/app" },
  ])("refuses secret-looking config %j, saying config must not hold secrets", (config) => {
    const issues = issuesOf({ ...base, config });
    expect(issues).toEqual([{ path: `config.${Object.keys(config)[0]}`, message: expect.stringContaining("config must not hold secrets") }]);
  });

  it("keeps plain config, including the sandbox's behaviour marker", () => {
    const config = { LOG_LEVEL: "info", FEATURE_FLAGS: "a,b", SANDBOX_BEHAVIOUR: "hangar-sandbox: status-checks=fail", DATABASE_URL: "postgres://db:5432/app" };
    expect(createReleaseSchema.parse({ ...base, config }).config).toEqual(config);
  });

  it("bounds config by count and by size", () => {
    const many = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`K${i}`, "v"]));
    expect(issuesOf({ ...base, config: many })[0]).toEqual({ path: "config", message: "at most 100 values" });
    const big = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`K${i}`, "v".repeat(4000)]));
    expect(issuesOf({ ...base, config: big })[0]).toEqual({ path: "config", message: "must be at most 32 KB in all" });
  });
});
