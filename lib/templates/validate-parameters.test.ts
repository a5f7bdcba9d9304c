import { describe, expect, it } from "vitest";
import { compileParameterSchema, ParameterSchemaError, validateParameters } from "./validate-parameters";

const schema = {
  type: "object",
  additionalProperties: false,
  required: ["branch"],
  properties: {
    branch: { type: "string", pattern: "^[a-z]+$", default: "main" },
    replicas: { type: "integer", minimum: 1, maximum: 5, default: 2 },
  },
};

describe("validateParameters", () => {
  it("fills defaults without changing the input", () => {
    const input = {};
    expect(validateParameters(schema, input)).toEqual({ ok: true, value: { branch: "main", replicas: 2 } });
    expect(input).toEqual({});
  });

  it("reports every problem at parameters.<name>", () => {
    const result = validateParameters(schema, { branch: "Bad!", replicas: 9, colour: "red" });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues.map((i) => i.path).sort()).toEqual(["parameters.branch", "parameters.colour", "parameters.replicas"]);
    expect(!result.ok && result.issues.find((i) => i.path === "parameters.colour")?.message).toBe("is not a parameter of this template");
  });

  it("does not coerce types", () => {
    expect(validateParameters(schema, { replicas: "3" }).ok).toBe(false);
  });

  it("refuses schemas that are not JSON Schema objects", () => {
    expect(() => compileParameterSchema({ type: "array" })).toThrow(ParameterSchemaError);
    expect(() => compileParameterSchema({ type: "object", properties: { a: { type: "nope" } } })).toThrow(ParameterSchemaError);
  });
});
