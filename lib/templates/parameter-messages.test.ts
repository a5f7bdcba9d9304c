import { describe, expect, it } from "vitest";
import { validateParameters } from "./validate-parameters";

const schema = {
  type: "object",
  additionalProperties: false,
  required: ["branch"],
  properties: {
    branch: { type: "string", minLength: 1, maxLength: 5, pattern: "^[a-z]+$" },
    replicas: { type: "integer", minimum: 1, maximum: 5 },
    ratio: { type: "number", exclusiveMinimum: 0, exclusiveMaximum: 1 },
    size: { enum: ["t3.micro", "t3.small"] },
    many: { enum: Array.from({ length: 12 }, (_, i) => `v${i}`) },
    debug: { type: "boolean" },
  },
};

function messages(input: Record<string, unknown>): Record<string, string[]> {
  const result = validateParameters(schema, input);
  if (result.ok) return {};
  const byPath: Record<string, string[]> = {};
  for (const issue of result.issues) (byPath[issue.path] ??= []).push(issue.message);
  return byPath;
}

describe("parameter messages read as the rest of a sentence about the field", () => {
  it("for limits, types and lengths", () => {
    expect(messages({ branch: "", replicas: 10, ratio: 1, debug: "yes" })).toEqual({
      "parameters.branch": ["must be at least 1 character", "must match ^[a-z]+$"],
      "parameters.replicas": ["must be at most 5"],
      "parameters.ratio": ["must be less than 1"],
      "parameters.debug": ["must be true or false"],
    });
    expect(messages({ branch: "abcdef", replicas: 0, ratio: 0 })).toEqual({
      "parameters.branch": ["must be at most 5 characters"],
      "parameters.replicas": ["must be at least 1"],
      "parameters.ratio": ["must be more than 0"],
    });
    expect(messages({ branch: 7, replicas: 2.5 })).toEqual({ "parameters.branch": ["must be text"], "parameters.replicas": ["must be a whole number"] });
  });

  it("for choices, listing at most ten of them", () => {
    expect(messages({ branch: "main", size: "m5.large", many: "x" })).toEqual({
      "parameters.size": ["must be one of the allowed values: t3.micro, t3.small"],
      "parameters.many": ["must be one of the allowed values: v0, v1, v2, v3, v4, v5, v6, v7, v8, v9 and 2 more"],
    });
  });

  it("for unknown and missing parameters", () => {
    expect(messages({ branch: "main", colour: "red" })).toEqual({ "parameters.colour": ["is not a parameter of this template"] });
    expect(messages({})).toEqual({ "parameters.branch": ["is required"] });
  });
});
