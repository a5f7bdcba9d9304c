import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseTemplateSource } from "./parse-template-source";
import { resolvePlan } from "./resolve-plan";
import type { TemplateSpec } from "./template-spec";

function spec(groups: string): TemplateSpec {
  const result = parseTemplateSource(`
name: T
lease: { default: 1h, max: 1d }
parameters:
  type: object
  properties:
    size: { type: string }
    replicas: { type: integer }
    image: { type: string }
instanceGroups:
${groups}`);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.spec;
}

const env = { id: "e1", name: "demo", region: "eu-west-1", team: "core" };

describe("resolvePlan", () => {
  it("resolves types, counts, user data, zones and tags from parameters", () => {
    const result = resolvePlan(
      spec(`  - name: app
    image: { owner: amazon, name: "al2023-*", architecture: arm64 }
    instanceType: "\${{ params.size }}"
    count: "\${{ params.replicas }}"
    userData: "echo \${{ env.name }}"
    tags: { tier: app }
    alternatives: { instanceTypes: [t4g.small], zones: [a, eu-west-1c] }`),
      { params: { size: "t4g.micro", replicas: 3 }, env },
    );
    expect(result).toEqual({
      ok: true,
      plan: {
        groups: [
          {
            name: "app",
            image: { owner: "amazon", name: "al2023-*", architecture: "arm64" },
            instanceType: "t4g.micro",
            count: 3,
            userData: "echo demo",
            tags: { tier: "app" },
            alternatives: { instanceTypes: ["t4g.small"], zones: ["eu-west-1a", "eu-west-1c"] },
          },
        ],
      },
    });
  });

  it("reports values that do not resolve to something launchable", () => {
    const result = resolvePlan(
      spec(`  - name: app
    image: "\${{ params.image }}"
    instanceType: "\${{ params.size }}"
    count: "\${{ params.replicas }}"
    tags: { "hangar:env": x }`),
      { params: { size: "huge", replicas: 0, image: "not-an-ami" }, env },
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues.map((i) => i.path).sort()).toEqual([
      "instanceGroups.0.count",
      "instanceGroups.0.image",
      "instanceGroups.0.instanceType",
      "instanceGroups.0.tags.hangar:env",
    ]);
  });
});

describe("resolvePlan: parameters in shell user data", () => {
  const stack = () => {
    const parsed = parseTemplateSource(readFileSync("examples/templates/service-stack.yaml", "utf8"));
    if (!parsed.ok) throw new Error("example does not parse");
    return parsed.spec;
  };

  it("quotes a value for where it lands, so $(id) and backticks are text", () => {
    const result = resolvePlan(stack(), { params: { replicas: 1, appSize: "t3.small", release: "$(id)`id`" }, env });
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const userData = result.plan.groups.find((g) => g.name === "app")!.userData!;
    expect(userData).toContain('echo "starting release \\$(id)\\`id\\` for demo"');
  });

  it("refuses a value that would end a here-document, at the group's user data", () => {
    const result = resolvePlan(
      spec(`  - name: web
    image: ami-0123456789abcdef0
    instanceType: t3.micro
    userData: |
      #!/bin/sh
      cat > /etc/motd <<EOF
      \${{ params.size }}
      EOF`),
      { params: { size: "hi\nEOF\nreboot" }, env },
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues[0]).toMatchObject({ path: "instanceGroups.0.userData", message: expect.stringMatching(/delimiter EOF/) });
  });
});
