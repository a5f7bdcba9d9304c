import { describe, expect, it } from "vitest";
import { describeFilters } from "./describe-instances";
import { runInstancesInput } from "./launch";

describe("runInstancesInput", () => {
  const request = {
    clientToken: "token-1",
    imageId: "ami-0123456789abcdef0",
    instanceType: "t3.micro",
    count: 3,
    availabilityZone: "us-east-1b",
    subnetId: "subnet-0123",
    securityGroupIds: ["sg-1", "sg-2"],
    keyName: "deploy",
    userData: "#!/bin/sh\necho héllo",
    tags: { "hangar:env": "env-1", team: "core" },
  };

  it("launches exactly count instances with the caller's ClientToken", () => {
    expect(runInstancesInput(request)).toMatchObject({
      ClientToken: "token-1",
      MinCount: 3,
      MaxCount: 3,
      ImageId: request.imageId,
      InstanceType: "t3.micro",
    });
  });

  it("tags instances and volumes on create", () => {
    const tags = [
      { Key: "hangar:env", Value: "env-1" },
      { Key: "team", Value: "core" },
    ];
    expect(runInstancesInput(request).TagSpecifications).toEqual([
      { ResourceType: "instance", Tags: tags },
      { ResourceType: "volume", Tags: tags },
    ]);
    expect(runInstancesInput({ ...request, tags: {} }).TagSpecifications).toBeUndefined();
  });

  it("base64-encodes user data and passes placement, network and key", () => {
    const input = runInstancesInput(request);
    expect(Buffer.from(input.UserData ?? "", "base64").toString("utf8")).toBe(request.userData);
    expect(input).toMatchObject({
      Placement: { AvailabilityZone: "us-east-1b" },
      SubnetId: "subnet-0123",
      SecurityGroupIds: ["sg-1", "sg-2"],
      KeyName: "deploy",
    });
  });

  it("puts subnet and groups on the primary network interface when the public IP is chosen", () => {
    for (const associatePublicIp of [true, false]) {
      const input = runInstancesInput({ ...request, associatePublicIp });
      expect(input.NetworkInterfaces).toEqual([
        { DeviceIndex: 0, AssociatePublicIpAddress: associatePublicIp, SubnetId: "subnet-0123", Groups: ["sg-1", "sg-2"] },
      ]);
      expect(input.SubnetId).toBeUndefined();
      expect(input.SecurityGroupIds).toBeUndefined();
      expect(input).toMatchObject({ Placement: { AvailabilityZone: "us-east-1b" }, KeyName: "deploy" });
    }
    const bare = runInstancesInput({ clientToken: "t", imageId: "ami-1", instanceType: "t3.micro", count: 1, tags: {}, associatePublicIp: false });
    expect(bare.NetworkInterfaces).toEqual([{ DeviceIndex: 0, AssociatePublicIpAddress: false }]);
  });

  it("leaves out what the request does not set", () => {
    const input = runInstancesInput({ clientToken: "t", imageId: "ami-1", instanceType: "t3.micro", count: 1, tags: {} });
    expect(Object.keys(input).sort()).toEqual(["ClientToken", "ImageId", "InstanceType", "MaxCount", "MinCount"]);
  });
});

describe("describeFilters", () => {
  it("sends ids as instance-id filters of at most 200, deduplicated", () => {
    const ids = Array.from({ length: 450 }, (_, i) => `i-${i.toString(16).padStart(8, "0")}`);
    const requests = describeFilters({ ids: [...ids, ids[0] as string] });
    expect(requests.map((filters) => filters[0]?.Values?.length)).toEqual([200, 200, 50]);
    expect(requests.every((filters) => filters.length === 1 && filters[0]?.Name === "instance-id")).toBe(true);
  });

  it("sends no request for no ids", () => {
    expect(describeFilters({ ids: [] })).toEqual([]);
  });

  it("asks only for the other states when some are excepted", () => {
    expect(describeFilters({ ids: ["i-0000000a"], exceptStates: ["pending"] })).toEqual([
      [
        { Name: "instance-id", Values: ["i-0000000a"] },
        { Name: "instance-state-name", Values: ["running", "stopping", "stopped", "shutting-down", "terminated"] },
      ],
    ]);
  });

  it("turns tags and states into tag: and instance-state-name filters", () => {
    expect(describeFilters({ tags: { "hangar:env": "e1", team: "core" }, states: ["running", "pending"] })).toEqual([
      [
        { Name: "tag:hangar:env", Values: ["e1"] },
        { Name: "tag:team", Values: ["core"] },
        { Name: "instance-state-name", Values: ["running", "pending"] },
      ],
    ]);
  });
});
