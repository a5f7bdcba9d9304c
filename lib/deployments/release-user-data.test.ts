import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseBehaviour } from "../../sandbox/engine/user-data-markers";
import { userDataWithRelease } from "./release-user-data";

const release = { service: "web", version: "1.2.0", artifactType: "image", artifact: "ghcr.io/acme/web:1.2.0", config: { GREETING: "it's $(id) `x`\nHANGAR_RELEASE_EOF" } };

describe("userDataWithRelease", () => {
  it("writes the release as JSON and env lines that a shell reads back exactly, whatever the values hold", () => {
    const dir = mkdtempSync(join(tmpdir(), "release-"));
    const script = userDataWithRelease(undefined, release).replaceAll("/etc/hangar", dir);
    execFileSync("sh", ["-c", script]);
    expect(JSON.parse(readFileSync(join(dir, "release.json"), "utf8"))).toEqual({ ...release, service: "web" });
    const env = execFileSync("sh", ["-c", `set -a; . ${dir}/release.env; printf '%s|%s' "$HANGAR_RELEASE_VERSION" "$HANGAR_RELEASE_ARTIFACT"`]).toString();
    expect(env).toBe("1.2.0|ghcr.io/acme/web:1.2.0");
  });

  it("keeps a template's shell script after the release, under its own shebang", () => {
    const out = userDataWithRelease("#!/bin/bash\necho hi\n", release);
    expect(out.startsWith("#!/bin/bash\nmkdir -p /etc/hangar\n")).toBe(true);
    expect(out.endsWith("echo hi\n")).toBe(true);
  });

  it("makes cloud-config one part of a multi-part message", () => {
    const out = userDataWithRelease("#cloud-config\npackages: [nginx]\n", release);
    expect(out).toMatch(/^Content-Type: multipart\/mixed; boundary="hangar-[0-9a-f]{24}"/);
    expect(out).toContain('Content-Type: text/cloud-config; charset="utf-8"');
    expect(out).toContain("packages: [nginx]");
  });

  it("carries a config value the sandbox reads as a behaviour marker", () => {
    const out = userDataWithRelease(undefined, { ...release, config: { SANDBOX: "hangar-sandbox: status-checks=fail http=500" } });
    expect(parseBehaviour(out)).toMatchObject({ statusChecks: "fail", httpStatus: 500 });
  });
});
