import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { hourlyCostRange } from "./cost-range";
import { parseTemplateSource } from "./parse-template-source";
import type { TemplateSpec } from "./template-spec";

// A made-up price table, so the figures below are easy to check by hand.
const PRICES: Record<string, number> = { "t3.micro": 0.01, "t3.small": 0.02, "t3.medium": 0.04, "m6i.large": 0.2 };
const price = (type: string) => (PRICES[type] === undefined ? null : { usdPerHour: PRICES[type] });

function spec(parameters: string, groups: string): TemplateSpec {
  const result = parseTemplateSource(`name: T
lease: { default: 1h, max: 1d }
parameters:
  type: object
  properties:
${parameters}
instanceGroups:
${groups}`);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.spec;
}

describe("hourlyCostRange", () => {
  it("a fixed plan costs the same at both ends", () => {
    const fixed = spec("    branch: { type: string, default: main }", "  - { name: web, image: ami-0123456789abcdef0, instanceType: t3.small, count: 3 }");
    expect(hourlyCostRange(fixed, "us-east-1", price)).toEqual({ minUsdPerHour: 0.06, maxUsdPerHour: 0.06, defaultUsdPerHour: 0.06, complete: true });
  });

  it("tries every instance type choice and a count's minimum and maximum, together across groups", () => {
    const stack = spec(
      `    size: { type: string, enum: [t3.small, t3.medium, m6i.large], default: t3.small }
    replicas: { type: integer, minimum: 1, maximum: 5, default: 2 }`,
      `  - { name: app, image: ami-0123456789abcdef0, instanceType: "\${{ params.size }}", count: "\${{ params.replicas }}" }
  - { name: db, image: ami-0123456789abcdef0, instanceType: t3.medium }`,
    );
    // min: 1 × t3.small + db; max: 5 × m6i.large + db; default: 2 × t3.small + db.
    expect(hourlyCostRange(stack, "us-east-1", price)).toEqual({ minUsdPerHour: 0.06, maxUsdPerHour: 1.04, defaultUsdPerHour: 0.08, complete: true });
  });

  it("one parameter used by two groups moves both at once", () => {
    const shared = spec(
      "    size: { type: string, enum: [t3.micro, t3.medium], default: t3.micro }",
      `  - { name: a, image: ami-0123456789abcdef0, instanceType: "\${{ params.size }}" }
  - { name: b, image: ami-0123456789abcdef0, instanceType: "\${{ params.size }}" }`,
    );
    expect(hourlyCostRange(shared, "us-east-1", price)).toMatchObject({ minUsdPerHour: 0.02, maxUsdPerHour: 0.08 });
  });

  it("an unbounded count tops out at 50 instances, the most a plan may launch", () => {
    const open = spec("    n: { type: integer, default: 2 }", '  - { name: w, image: ami-0123456789abcdef0, instanceType: t3.micro, count: "${{ params.n }}" }');
    expect(hourlyCostRange(open, "us-east-1", price)).toMatchObject({ minUsdPerHour: 0.01, maxUsdPerHour: 0.5, defaultUsdPerHour: 0.02 });
  });

  it("leaves out types the table does not price and says so; prices nothing as unknown, never $0", () => {
    const partly = spec(
      "    size: { type: string, enum: [t3.micro, x9.huge], default: t3.micro }",
      `  - { name: a, image: ami-0123456789abcdef0, instanceType: "\${{ params.size }}" }
  - { name: b, image: ami-0123456789abcdef0, instanceType: t3.small }`,
    );
    expect(hourlyCostRange(partly, "us-east-1", price)).toEqual({ minUsdPerHour: 0.02, maxUsdPerHour: 0.03, defaultUsdPerHour: 0.03, complete: false });
    const unknown = spec("    size: { type: string, default: x9.huge }", '  - { name: a, image: ami-0123456789abcdef0, instanceType: "${{ params.size }}" }');
    expect(hourlyCostRange(unknown, "us-east-1", price)).toBeNull();
    // A free-text type without a default cannot be priced before someone types it.
    const free = spec("    size: { type: string }", '  - { name: a, image: ami-0123456789abcdef0, instanceType: "${{ params.size }}" }');
    expect(hourlyCostRange(free, "us-east-1", price)).toBeNull();
  });

  it("prices the shipped examples from the shipped table (in the region asked for)", () => {
    const example = (file: string) => {
      const result = parseTemplateSource(readFileSync(`examples/templates/${file}`, "utf8"));
      if (!result.ok) throw new Error(file);
      return result.spec;
    };
    // t3.micro 0.0104 … t3.medium 0.0416.
    expect(hourlyCostRange(example("web-dev.yaml"), "us-east-1")).toEqual({ minUsdPerHour: 0.0104, maxUsdPerHour: 0.0416, defaultUsdPerHour: 0.0104, complete: true });
    const stack = hourlyCostRange(example("service-stack.yaml"), "us-east-1")!;
    expect(stack.minUsdPerHour).toBeLessThan(stack.defaultUsdPerHour!);
    expect(stack.maxUsdPerHour).toBeGreaterThan(stack.defaultUsdPerHour!);
    expect(hourlyCostRange(example("web-dev.yaml"), "eu-west-1")!.minUsdPerHour).toBeGreaterThan(0.0104);
  });
});
