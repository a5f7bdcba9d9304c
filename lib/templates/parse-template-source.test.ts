import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseTemplateSource } from "./parse-template-source";

const minimal = (extra = "") => `
name: Minimal
lease: { default: 1h, max: 1d }
parameters:
  type: object
  properties:
    size: { type: string, enum: [t3.micro, t3.small], default: t3.micro }
instanceGroups:
  - name: web
    image: ami-0123456789abcdef0
    instanceType: "\${{ params.size }}"
${extra}`;

function issuesOf(source: string) {
  const result = parseTemplateSource(source);
  return result.ok ? [] : result.issues;
}

describe("parseTemplateSource", () => {
  it("accepts every example template shipped in the repo", () => {
    const dir = path.resolve("examples/templates");
    for (const file of readdirSync(dir)) {
      const result = parseTemplateSource(readFileSync(path.join(dir, file), "utf8"));
      expect(result.ok, `${file}: ${JSON.stringify(!result.ok && result.issues)}`).toBe(true);
    }
  });

  it("parses leases into seconds and fills defaults", () => {
    const result = parseTemplateSource(minimal());
    expect(result.ok && result.spec.lease).toEqual({ default: 3600, max: 86_400 });
    expect(result.ok && result.spec.instanceGroups[0]!.count).toBe(1);
  });

  it("reports YAML errors, schema errors and bad references at their paths", () => {
    expect(issuesOf("name: [unclosed")[0]!.path).toBe("source");
    expect(issuesOf(minimal().replace("lease: { default: 1h, max: 1d }", "lease: { default: 2d, max: 1d }")).map((i) => i.path)).toContain("lease.default");
    expect(issuesOf(minimal().replace("max: 1d", "max: forever")).map((i) => i.path)).toContain("lease.max");
    expect(issuesOf(minimal().replace("name: web", "name: Web_Server")).map((i) => i.path)).toContain("instanceGroups.0.name");
    expect(issuesOf(minimal().replace("params.size", "params.colour")).map((i) => i.path)).toContain("instanceGroups.0");
    expect(issuesOf(minimal('outputs:\n  url: "${{ instances.db[0].publicIp }}"')).map((i) => i.path)).toContain("outputs.url");
    expect(issuesOf(minimal("unknownKey: 1")).length).toBeGreaterThan(0);
  });

  it("rejects parameter schemas that are not object schemas or not valid JSON Schema", () => {
    expect(issuesOf(minimal().replace("type: object", "type: string")).map((i) => i.path)).toContain("parameters");
    expect(issuesOf(minimal().replace("type: string, enum", "type: strang, enum")).map((i) => i.path)).toContain("parameters");
  });

  it("rejects duplicate group names", () => {
    const source = minimal(`  - name: web\n    image: ami-0123456789abcdef0\n    instanceType: t3.micro\n`).replace("\n\n", "\n");
    expect(issuesOf(source).map((i) => i.message).join()).toMatch(/unique/);
  });
});
