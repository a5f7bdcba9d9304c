import { describe, expect, it } from "vitest";
import { ec2BucketFor } from "../rate-limit/ec2-buckets";
import { addressFilters, toCloudAddress } from "./addresses";
import { healthCheckUrl } from "./health-check-url";
import { toInstanceHealth } from "./instance-status";

describe("addressFilters", () => {
  it("narrows by tags and ids together, splitting long id lists at EC2's 200 values per filter", () => {
    const ids = Array.from({ length: 250 }, (_, i) => `eipalloc-${String(i).padStart(17, "0")}`);
    const lists = addressFilters({ tags: { "hangar:env": "e1" }, allocationIds: [...ids, ids[0] as string] });
    expect(lists).toHaveLength(2);
    expect(lists[0]?.[0]).toEqual({ Name: "tag:hangar:env", Values: ["e1"] });
    expect(lists[0]?.[1]?.Values).toHaveLength(200);
    expect(lists[1]?.[1]?.Values).toHaveLength(50);
  });

  it("asks for everything without a query, and for nothing with an empty id list", () => {
    expect(addressFilters({})).toEqual([[]]);
    expect(addressFilters({ instanceIds: [] })).toEqual([]);
  });
});

describe("SDK shapes", () => {
  it("maps addresses and status checks, reading unknown values as not settled", () => {
    expect(toCloudAddress({ AllocationId: "eipalloc-1", PublicIp: "3.1.2.3", Tags: [{ Key: "a", Value: "b" }] })).toEqual({
      allocationId: "eipalloc-1",
      publicIp: "3.1.2.3",
      tags: { a: "b" },
    });
    expect(
      toInstanceHealth({
        InstanceId: "i-1",
        InstanceState: { Name: "running", Code: 16 },
        SystemStatus: { Status: "ok" },
        InstanceStatus: { Status: "something-new" as never },
      }),
    ).toEqual({ id: "i-1", state: "running", systemStatus: "ok", instanceStatus: "insufficient-data" });
  });

  it("puts the Elastic IP calls in EC2's mutating bucket and DescribeAddresses in the non-mutating one", () => {
    for (const action of ["AllocateAddress", "AssociateAddress", "DisassociateAddress", "ReleaseAddress"]) {
      expect(ec2BucketFor(action)).toBe("mutating");
    }
    expect(ec2BucketFor("DescribeAddresses")).toBe("nonMutating");
    expect(ec2BucketFor("DescribeInstanceStatus")).toBe("nonMutating");
  });
});

describe("healthCheckUrl", () => {
  const instance = { id: "i-0abc", publicIp: "3.4.5.6", privateIp: "10.0.0.7" };

  it("goes through the sandbox's endpoint for sandbox accounts", () => {
    const url = healthCheckUrl({ kind: "sandbox", endpoint: "http://127.0.0.1:4510/" }, instance, { port: 8080, path: "/healthz?x=1" });
    expect(url).toBe("http://127.0.0.1:4510/_sandbox/instances/i-0abc/http/8080/healthz?x=1");
  });

  it("goes to the instance's public, else private, address on AWS", () => {
    expect(healthCheckUrl({ kind: "aws" }, instance, { port: 80, path: "health" })).toBe("http://3.4.5.6:80/health");
    expect(healthCheckUrl({ kind: "aws" }, { id: "i-1", privateIp: "10.0.0.7" }, { port: 80, path: "/" })).toBe("http://10.0.0.7:80/");
    expect(healthCheckUrl({ kind: "aws" }, { id: "i-1" }, { port: 80, path: "/" })).toBeUndefined();
    expect(() => healthCheckUrl({ kind: "aws" }, instance, { port: 0, path: "/" })).toThrow(RangeError);
  });
});
