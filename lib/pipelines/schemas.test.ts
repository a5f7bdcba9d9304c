import { describe, expect, it } from "vitest";
import { promoteSchema, rejectSchema, setPipelineSchema } from "./schemas";

const paths = (result: { error?: { issues: { path: PropertyKey[] }[] } }) => [...new Set(result.error?.issues.map((i) => i.path.join(".")) ?? [])];

describe("pipeline input", () => {
  it("takes stage names of lower-case letters, digits and single dashes, up to 40", () => {
    for (const name of ["dev", "prod-eu", "stage2"]) expect(setPipelineSchema.safeParse({ stages: [{ name, environment: "e" }] }).success).toBe(true);
    for (const name of ["Prod", "prod_eu", "-dev", "dev-", "a--b", "", "x".repeat(41)]) {
      expect(paths(setPipelineSchema.safeParse({ stages: [{ name, environment: "e" }] })), name).toEqual(["stages.0.name"]);
    }
  });

  it("defaults requiresConfirmation to false, allows an empty list and at most 10 stages", () => {
    expect(setPipelineSchema.parse({ stages: [{ name: "dev", environment: "e" }] }).stages[0]!.requiresConfirmation).toBe(false);
    expect(setPipelineSchema.parse({ stages: [] }).stages).toEqual([]);
    const eleven = Array.from({ length: 11 }, (_, i) => ({ name: `s${i}`, environment: "e" }));
    expect(paths(setPipelineSchema.safeParse({ stages: eleven }))).toEqual(["stages"]);
  });

  it("refuses unknown fields and a missing environment at their paths", () => {
    expect(paths(setPipelineSchema.safeParse({ stages: [{ name: "dev", environment: " " }] }))).toEqual(["stages.0.environment"]);
    expect(paths(setPipelineSchema.safeParse({ stages: [{ name: "dev", environment: "e", auto: true }] }))).toEqual(["stages.0"]);
    expect(paths(promoteSchema.safeParse({}))).toEqual(["from"]);
    expect(paths(rejectSchema.safeParse({ reason: "x".repeat(501) }))).toEqual(["reason"]);
    expect(rejectSchema.parse({})).toEqual({});
  });
});
