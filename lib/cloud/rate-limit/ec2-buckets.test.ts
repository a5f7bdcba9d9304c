import { describe, expect, it } from "vitest";
import { ec2BucketFor } from "./ec2-buckets";
import { resolveLimit } from "./limits";

describe("ec2BucketFor", () => {
  it.each([
    ["RunInstances", "runInstances"],
    ["RunInstancesCommand", "runInstances"],
    ["TerminateInstances", "terminateInstances"],
    ["StartInstances", "mutating"],
    ["StopInstances", "mutating"],
    ["CreateTags", "mutating"],
    ["DeleteTags", "mutating"],
    ["DescribeInstances", "nonMutating"],
    ["DescribeInstanceTypesCommand", "nonMutating"],
    ["GetConsoleOutput", "nonMutating"],
  ])("%s -> %s", (action, bucket) => {
    expect(ec2BucketFor(action)).toBe(bucket);
  });
});

describe("resolveLimit", () => {
  const scope = { accountId: "acc-1", region: "us-east-1", action: "RunInstances" };

  it("applies the safety factor to the refill rate and keeps one token of burst headroom", () => {
    expect(resolveLimit({}, scope)).toEqual({ bucket: "runInstances", burst: 4, refillPerSecond: 2 * 0.97 });
    expect(resolveLimit({ safetyFactor: 1, burstHeadroom: 0 }, scope)).toEqual({ bucket: "runInstances", burst: 5, refillPerSecond: 2 });
    expect(resolveLimit({ burstHeadroom: 10 }, scope)?.burst).toBe(1);
  });

  it("prefers account overrides over global overrides over EC2 defaults", () => {
    const options = {
      safetyFactor: 1,
      burstHeadroom: 0,
      limits: { runInstances: { burst: 10, refillPerSecond: 4 } },
      accountLimits: { "acc-2": { runInstances: { burst: 20, refillPerSecond: 8 } }, "acc-3": "off" as const },
    };
    expect(resolveLimit(options, scope)?.burst).toBe(10);
    expect(resolveLimit(options, { ...scope, accountId: "acc-2" })?.burst).toBe(20);
    expect(resolveLimit(options, { ...scope, accountId: "acc-3" })).toBeNull();
    expect(resolveLimit(options, { ...scope, action: "DescribeInstances" })?.burst).toBe(100);
  });

  it("accepts a function for account overrides", () => {
    expect(resolveLimit({ accountLimits: (id) => (id === "acc-1" ? "off" : undefined) }, scope)).toBeNull();
  });

  it("rejects a nonsensical safety factor", () => {
    expect(() => resolveLimit({ safetyFactor: 1.5 }, scope)).toThrow(RangeError);
  });
});
