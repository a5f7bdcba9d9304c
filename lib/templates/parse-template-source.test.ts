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

describe("parseTemplateSource: where the problems are", () => {
  it("gives the line and column of a YAML error, a bad field and an unknown field", () => {
    const yamlError = issuesOf("name: Broken\nlease: { default: 1h, max: 1d\ninstanceGroups: []\n")[0]!;
    expect(yamlError).toMatchObject({ path: "source" });
    expect(yamlError.line).toBeGreaterThanOrEqual(2);
    expect(yamlError.column).toBeGreaterThanOrEqual(1);

    const source = minimal().replace("name: web", "name: Web_Server");
    const badName = issuesOf(source).find((i) => i.path === "instanceGroups.0.name")!;
    const lines = source.split("\n");
    expect(lines[badName.line! - 1]).toContain("name: Web_Server");
    expect(badName.column).toBe(lines[badName.line! - 1]!.indexOf("name") + 1);

    const unknown = minimal("colour: blue");
    const unknownIssue = issuesOf(unknown).find((i) => i.path === "colour")!;
    expect(unknownIssue.message).toBe("is not a known field");
    expect(unknown.split("\n")[unknownIssue.line! - 1]).toBe("colour: blue");
  });

  it("places a bad reference at its group and a missing required field at its parent", () => {
    const source = minimal().replace("params.size", "params.colour");
    const issue = issuesOf(source).find((i) => i.path === "instanceGroups.0")!;
    expect(source.split("\n")[issue.line! - 1]).toContain("- name: web");
    const missing = issuesOf("name: No lease\ninstanceGroups:\n  - name: web\n    image: ami-0123456789abcdef0\n    instanceType: t3.micro\n").find((i) => i.path === "lease")!;
    expect(missing.message).toMatch(/expected object|Required/i);
  });

  it("refuses a source over 256 KB, duplicate keys and an alias bomb before building anything big", () => {
    expect(issuesOf(minimal(`# ${"x".repeat(300 * 1024)}`))[0]).toMatchObject({ path: "source", message: expect.stringMatching(/at most 256 KB/) });
    expect(issuesOf("name: a\nname: b\n")[0]!.message).toMatch(/not valid YAML: .*unique|duplicate/i);
    const bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]", ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(", ")}]`)].join("\n");
    const started = Date.now();
    expect(issuesOf(bomb)[0]).toMatchObject({ path: "source", message: expect.stringMatching(/not accepted/) });
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
