import { describe, expect, it } from "vitest";
import { checkField, formValuesFrom, initialValues, parameterFields, toParameters } from "./schema-fields";

const schema = {
  type: "object",
  required: ["branch"],
  properties: {
    branch: { type: "string", title: "Git branch", default: "main", minLength: 1, maxLength: 20 },
    replicas: { type: "integer", title: "App replicas", minimum: 1, maximum: 5, default: 2 },
    ratio: { type: "number" },
    port: { type: "integer", enum: [80, 8080] },
    size: { type: "string", enum: ["t3.micro", "t3.small"], default: "t3.micro" },
    debug: { type: "boolean" },
    token: { type: "string", writeOnly: true },
  },
};
const fields = parameterFields(schema, ["branch", "replicas"]);
const field = (key: string) => fields.find((f) => f.key === key)!;

describe("what the form sends is what it shows", () => {
  it("leaves a cleared optional field out, so the request (and its estimate) take the default", () => {
    expect(toParameters(fields, { ...initialValues(fields), replicas: "" })).toEqual({ branch: "main", size: "t3.micro", debug: false });
  });

  it("sends numbers as numbers, and text that is not a number as typed, for the API to refuse", () => {
    expect(toParameters(fields, { replicas: " 3 ", ratio: "0.5" })).toMatchObject({ replicas: 3, ratio: 0.5 });
    expect(toParameters(fields, { replicas: "1e", ratio: "--2" })).toMatchObject({ replicas: "1e", ratio: "--2" });
  });

  it("sends a choice as the value the schema lists", () => {
    expect(toParameters(fields, { port: "8080", size: "t3.small" })).toMatchObject({ port: 8080, size: "t3.small" });
  });

  it("opens with given values over the defaults; secrets are typed hidden", () => {
    expect(formValuesFrom(fields, { replicas: 4, debug: true })).toMatchObject({ branch: "main", replicas: "4", debug: true, size: "t3.micro" });
    expect(field("token").secret).toBe(true);
  });
});

describe("checkField words problems like the API", () => {
  it.each([
    ["branch", "", "is required"],
    ["branch", "x".repeat(21), "must be at most 20 characters"],
    ["replicas", "10", "must be at most 5"],
    ["replicas", "0", "must be at least 1"],
    ["replicas", "2.5", "must be a whole number"],
    ["replicas", "1e", "must be a whole number"],
    ["ratio", "1e", "must be a number"],
    ["size", "m5.large", "must be one of the allowed values: t3.micro, t3.small"],
    ["replicas", "", null],
    ["replicas", "3", null],
  ])("%s = %j: %s", (key, value, message) => {
    expect(checkField(field(key), value)).toBe(message);
  });
});

describe("parameters with live options", () => {
  it("are selects that know their source and what they depend on, checked only for presence here", () => {
    const [zone, subnet] = parameterFields(
      { type: "object", required: ["subnet"], properties: { zone: { type: "string", source: "zones" }, subnet: { type: "string", title: "Subnet", source: "subnets", dependsOn: ["vpc", "zone"] } } },
      ["zone", "subnet"],
    );
    expect(zone).toMatchObject({ kind: "select", source: "zones", dependsOn: [], options: undefined });
    expect(subnet).toMatchObject({ kind: "select", source: "subnets", dependsOn: ["vpc", "zone"], required: true });
    expect(checkField(subnet!, "")).toBe("is required");
    expect(checkField(subnet!, "subnet-0abc")).toBeNull();
  });
});
