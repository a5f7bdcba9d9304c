import { describe, expect, it } from "vitest";
import { validSubset } from "./valid-subset";

const schema = {
  type: "object",
  additionalProperties: false,
  required: ["branch"],
  properties: {
    branch: { type: "string", pattern: "^[a-z/-]+$" },
    size: { type: "string", enum: ["t3.micro", "t3.small"] },
    token: { type: "string" },
    password: { type: "string", writeOnly: true },
  },
};

describe("validSubset", () => {
  it("keeps values that still fit and names the ones that do not; secrets are dropped silently", () => {
    expect(validSubset(schema, { branch: "feature/x", size: "m5.large", gone: 1, token: "t", password: "p" })).toEqual({ kept: { branch: "feature/x" }, dropped: ["gone", "size"] });
  });

  it("does not need required parameters", () => {
    expect(validSubset(schema, { size: "t3.small" })).toEqual({ kept: { size: "t3.small" }, dropped: [] });
  });
});
