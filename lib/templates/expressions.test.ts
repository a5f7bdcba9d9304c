import { describe, expect, it } from "vitest";
import { ExpressionError, lookupPath, referencedPaths, resolveExpressions } from "./expressions";

const context = { params: { size: "t3.small", replicas: 3, flag: false }, instances: { web: [{ publicIp: "1.2.3.4" }] }, env: { name: "demo" } };

describe("template expressions", () => {
  it("keeps the referenced type when a value is exactly one reference", () => {
    expect(resolveExpressions("${{ params.replicas }}", context)).toBe(3);
    expect(resolveExpressions("${{params.flag}}", context)).toBe(false);
  });

  it("interpolates references inside longer text as strings", () => {
    expect(resolveExpressions("http://${{ instances.web[0].publicIp }}:8080/${{ env.name }}", context)).toBe("http://1.2.3.4:8080/demo");
    expect(resolveExpressions("missing:${{ params.nope }}.", context)).toBe("missing:.");
  });

  it("walks objects and arrays", () => {
    expect(resolveExpressions({ a: ["${{ params.size }}", 1], b: { c: "x${{ params.replicas }}" } }, context)).toEqual({ a: ["t3.small", 1], b: { c: "x3" } });
  });

  it("allows property paths only, never code", () => {
    expect(() => lookupPath(context, "params.size; process.exit()")).toThrow(ExpressionError);
    expect(() => resolveExpressions("${{ constructor.constructor('x')() }}", context)).toThrow(ExpressionError);
    expect(lookupPath(context, "instances.web[5].publicIp")).toBeUndefined();
    expect(lookupPath(context, "params.constructor")).toBeUndefined();
    expect(lookupPath(context, "params.__proto__")).toBeUndefined();
  });

  it("lists referenced paths", () => {
    expect(referencedPaths("${{ params.a }} and ${{instances.web[0].privateIp}}")).toEqual(["params.a", "instances.web[0].privateIp"]);
  });
});
