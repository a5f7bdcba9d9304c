import { describe, expect, it } from "vitest";
import { parseTemplateSource } from "./parse-template-source";
import { templateJsonSchema } from "./template-json-schema";

const template = (presets: string) => `name: Presets
lease: { default: 1h, max: 1d }
parameters:
  type: object
  required: [branch]
  properties:
    branch: { type: string, default: main, pattern: "^[a-z/-]+$" }
    size: { type: string, enum: [t3.micro, t3.small], default: t3.micro }
    replicas: { type: integer, minimum: 1, maximum: 3, default: 1 }
    dbPassword: { type: string, writeOnly: true }
instanceGroups:
  - name: web
    image: ami-0123456789abcdef0
    instanceType: "\${{ params.size }}"
presets:
${presets}`;

function issuesOf(source: string) {
  const result = parseTemplateSource(source);
  return result.ok ? [] : result.issues;
}

describe("template presets", () => {
  it("accepts presets whose values a request would accept, leaving required parameters to the person requesting", () => {
    const result = parseTemplateSource(template(`  small: { title: Small, parameters: { size: t3.micro } }
  perf:
    title: Performance testing
    description: Three bigger replicas
    parameters: { size: t3.small, replicas: 3 }`));
    expect(result.ok).toBe(true);
    expect(result.ok && result.spec.presets?.perf).toEqual({ title: "Performance testing", description: "Three bigger replicas", parameters: { size: "t3.small", replicas: 3 } });
  });

  it("refuses values the parameter schema refuses, at the preset's path and line", () => {
    const issues = issuesOf(template(`  small: { parameters: { size: t3.micro } }
  perf:
    parameters:
      size: m5.24xlarge
      replicas: 9
      colour: red
      dbPassword: hunter2`));
    expect(issues.map((i) => [i.path, i.line])).toEqual(
      expect.arrayContaining([
        ["presets.perf.parameters.size", 19],
        ["presets.perf.parameters.replicas", 20],
        ["presets.perf.parameters.colour", 21],
        ["presets.perf.parameters.dbPassword", 22],
      ]),
    );
    expect(issues).toHaveLength(4);
    expect(issues.find((i) => i.path.endsWith("size"))!.message).toMatch(/allowed values/);
    expect(issues.find((i) => i.path.endsWith("colour"))!.message).toBe("is not a parameter of this template");
    expect(issues.find((i) => i.path.endsWith("dbPassword"))!.message).toMatch(/secret/);
  });

  it("limits names and count", () => {
    expect(issuesOf(template(`  Big One: { parameters: {} }`))[0]!.path).toBe("presets.Big One");
    const many = Array.from({ length: 11 }, (_, i) => `  p${i}: { parameters: {} }`).join("\n");
    expect(issuesOf(template(many))[0]).toMatchObject({ path: "presets", message: "at most 10 presets" });
  });

  it("are in the JSON Schema editors validate against, names and all", () => {
    const presets = (templateJsonSchema().properties as Record<string, { type?: string; propertyNames?: { pattern?: string }; additionalProperties?: { properties?: Record<string, unknown> } }>).presets!;
    expect(presets.type).toBe("object");
    expect(presets.propertyNames?.pattern).toBe("^[a-z][a-z0-9-]{0,30}$");
    expect(Object.keys(presets.additionalProperties?.properties ?? {}).sort()).toEqual(["description", "parameters", "title"]);
  });
});
