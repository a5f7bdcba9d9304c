import { describe, expect, it } from "vitest";
import { parseTemplateSource } from "../parse-template-source";
import { resolvePlan } from "../resolve-plan";
import { templateJsonSchema } from "../template-json-schema";
import { liveParameters } from "./live-parameter-spec";

const template = (properties: string, group = "") => `
name: Live
lease: { default: 1h, max: 1d }
parameters:
  type: object
  properties:
${properties}
instanceGroups:
  - name: web
    image: ami-0123456789abcdef0
    instanceType: t3.micro
${group}`;

const issuesOf = (source: string) => {
  const result = parseTemplateSource(source);
  return result.ok ? [] : result.issues.map(({ path, message, line }) => ({ path, message, line }));
};

describe("live options in the template format", () => {
  it("accepts sources, filters and dependsOn on earlier parameters, and lists them", () => {
    const result = parseTemplateSource(
      template(`
    zone: { type: string, source: zones }
    vpc: { type: string, source: vpcs }
    size: { type: string, source: instanceTypes, dependsOn: zone, filter: { minVcpu: 2, architecture: arm64 } }
    subnet: { type: string, source: subnets, dependsOn: [vpc, zone] }`),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(liveParameters(result.spec.parameters)).toEqual([
      { name: "zone", source: "zones", filter: {}, dependsOn: [] },
      { name: "vpc", source: "vpcs", filter: {}, dependsOn: [] },
      { name: "size", source: "instanceTypes", filter: { minVcpu: 2, architecture: "arm64" }, dependsOn: ["zone"] },
      { name: "subnet", source: "subnets", filter: {}, dependsOn: ["vpc", "zone"] },
    ]);
  });

  it("refuses an unknown dependsOn, a later one, and one the source cannot be narrowed by, at their paths and lines", () => {
    const issues = issuesOf(
      template(`
    subnet: { type: string, source: subnets, dependsOn: [vpc, zone] }
    vpc: { type: string, source: vpcs }
    keys: { type: string, source: keyPairs, dependsOn: subnet }
    size: { type: string, source: instanceTypes, dependsOn: nowhere }`),
    );
    expect(issues).toEqual([
      { path: "parameters.properties.subnet.dependsOn.0", message: "vpc comes after subnet in the form; a parameter may depend only on an earlier one", line: 8 },
      { path: "parameters.properties.subnet.dependsOn.1", message: "is not a parameter of this template (zone)", line: 8 },
      { path: "parameters.properties.keys.dependsOn", message: "subnet is a subnets parameter; keyPairs cannot be narrowed by another parameter", line: 10 },
      { path: "parameters.properties.size.dependsOn", message: "is not a parameter of this template (nowhere)", line: 11 },
    ]);
  });

  it("follows x-order when deciding what is earlier", () => {
    const ordered = template(`
    subnet: { type: string, source: subnets, dependsOn: vpc, x-order: 2 }
    vpc: { type: string, source: vpcs, x-order: 1 }`);
    expect(issuesOf(ordered)).toEqual([]);
  });

  it("refuses unknown sources, filters that do not apply, enum or a non-string type beside a source", () => {
    const issues = issuesOf(
      template(`
    a: { type: string, source: buckets }
    b: { type: string, source: vpcs, filter: { minVcpu: 2 } }
    c: { type: integer, source: zones }
    d: { type: string, source: zones, enum: [us-east-1a] }
    e: { type: string, filter: { owner: self } }
    f: { type: string, source: instanceTypes, filter: { minVcpu: 8, maxVcpu: 2, colour: red } }`),
    );
    expect(issues.map((i) => i.path)).toEqual([
      "parameters.properties.a.source",
      "parameters.properties.f.filter.colour",
    ]);
    const semantic = issuesOf(
      template(`
    b: { type: string, source: vpcs, filter: { minVcpu: 2 } }
    c: { type: integer, source: zones }
    d: { type: string, source: zones, enum: [us-east-1a] }
    e: { type: string, filter: { owner: self } }
    f: { type: string, source: instanceTypes, filter: { minVcpu: 8, maxVcpu: 2 } }`),
    );
    expect(semantic.map((i) => `${i.path}: ${i.message}`)).toEqual([
      "parameters.properties.b.filter.minVcpu: does not apply: vpcs takes no filter",
      "parameters.properties.c.type: must be string: a zones parameter holds one id or name",
      "parameters.properties.d.enum: cannot be combined with source: the options come from the cloud (narrow them with filter)",
      "parameters.properties.e.filter: needs a source: a filter narrows the options a source lists",
      "parameters.properties.f.filter.minVcpu: is more than maxVcpu: no type could match",
    ]);
  });

  it("describes source, filter and dependsOn in the JSON Schema served to editors", () => {
    const text = JSON.stringify(templateJsonSchema());
    for (const word of ["instanceTypes", "securityGroups", "dependsOn", "minMemoryGiB", "publicIp"]) expect(text).toContain(word);
  });

  it("carries a group's publicIp: false into the plan", () => {
    const result = parseTemplateSource(template(`    x: { type: string }`, "    publicIp: false"));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const planned = resolvePlan(result.spec, { params: {}, env: { id: "e", name: "n", region: "us-east-1", team: "t" } });
    expect(planned.ok && planned.plan.groups[0]?.publicIp).toBe(false);
    expect(issuesOf(template(`    x: { type: string }`, "    publicIp: maybe"))[0]?.path).toBe("instanceGroups.0.publicIp");
  });
});
