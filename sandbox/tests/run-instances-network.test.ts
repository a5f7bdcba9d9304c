// RunInstances with subnets, security groups, key pairs and a primary network interface: where
// instances land, which addresses they get, how DescribeInstances shows it, and EC2's errors.
import {
  DescribeInstancesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  RunInstancesCommand,
  StartInstancesCommand,
  StopInstancesCommand,
  type EC2Client,
  type Instance,
  type RunInstancesCommandInput,
  type Subnet,
} from "@aws-sdk/client-ec2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Sandbox } from "../server";
import { al2023, ec2, expectEc2Error, start } from "./helpers";

let sandbox: Sandbox;
let client: EC2Client;
let image: string;
let now = Date.now();
const advance = (ms: number): void => {
  now += ms;
};
let defaults: Subnet[];
let privates: Subnet[];
let groupId: (name: string, vpcId: string | undefined) => string;

beforeAll(async () => {
  sandbox = await start({ clock: () => now });
  client = ec2(sandbox, { accessKeyId: "AKIARUNNETWORK001" });
  image = await al2023(client);
  const { Subnets = [] } = await client.send(new DescribeSubnetsCommand({}));
  defaults = Subnets.filter((s) => s.DefaultForAz);
  privates = Subnets.filter((s) => !s.DefaultForAz);
  const { SecurityGroups = [] } = await client.send(new DescribeSecurityGroupsCommand({}));
  groupId = (name, vpcId) => SecurityGroups.find((g) => g.GroupName === name && g.VpcId === vpcId)?.GroupId ?? "";
});
afterAll(() => sandbox.close());

const subnetIn = (list: Subnet[], zone: string): Subnet => list.find((s) => s.AvailabilityZone === zone) as Subnet;

async function launch(input: Partial<RunInstancesCommandInput>): Promise<Instance> {
  const run = await client.send(new RunInstancesCommand({ ImageId: image, InstanceType: "t3.micro", MinCount: 1, MaxCount: 1, ...input }));
  return run.Instances?.[0] as Instance;
}

async function running(id: string): Promise<Instance> {
  advance(200);
  const out = await client.send(new DescribeInstancesCommand({ InstanceIds: [id] }));
  return out.Reservations?.[0]?.Instances?.[0] as Instance;
}

function inCidr(ip: string | undefined, cidr: string | undefined): boolean {
  const toInt = (a: string) => a.split(".").reduce((n, part) => n * 256 + Number(part), 0);
  const [base = "", bits = "32"] = (cidr ?? "").split("/");
  const size = 2 ** (32 - Number(bits));
  return ip !== undefined && toInt(ip) >= toInt(base) && toInt(ip) < toInt(base) + size;
}

describe("RunInstances in a subnet", () => {
  it("lands in the subnet's zone with an address from its block and no public IP in a private subnet", async () => {
    const subnet = subnetIn(privates, "us-east-1c");
    const launched = await launch({ SubnetId: subnet.SubnetId, KeyName: "hangar-demo" });
    const instance = await running(launched.InstanceId ?? "");
    expect(instance.State?.Name).toBe("running");
    expect(instance.Placement?.AvailabilityZone).toBe("us-east-1c");
    expect(inCidr(instance.PrivateIpAddress, subnet.CidrBlock)).toBe(true);
    expect(instance.PublicIpAddress).toBeUndefined();
    expect(instance.PublicDnsName ?? "").toBe("");
    expect(instance).toMatchObject({ SubnetId: subnet.SubnetId, VpcId: subnet.VpcId, KeyName: "hangar-demo" });
    expect(instance.SecurityGroups).toEqual([{ GroupId: groupId("default", subnet.VpcId), GroupName: "default" }]);
    const nic = instance.NetworkInterfaces?.[0];
    expect(nic).toMatchObject({ SubnetId: subnet.SubnetId, VpcId: subnet.VpcId, PrivateIpAddress: instance.PrivateIpAddress });
    expect(nic?.Association).toBeUndefined();
    expect(nic?.Attachment?.DeviceIndex).toBe(0);
  });

  it("gets a public IP in a default subnet, and keeps none after a stop and start when launched without", async () => {
    const subnet = subnetIn(defaults, "us-east-1a");
    const withIp = await running((await launch({ SubnetId: subnet.SubnetId })).InstanceId ?? "");
    expect(withIp.PublicIpAddress).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(withIp.NetworkInterfaces?.[0]?.Association?.PublicIp).toBe(withIp.PublicIpAddress);

    const launched = await launch({ NetworkInterfaces: [{ DeviceIndex: 0, SubnetId: subnet.SubnetId, AssociatePublicIpAddress: false }] });
    const id = launched.InstanceId ?? "";
    expect((await running(id)).PublicIpAddress).toBeUndefined();
    await client.send(new StopInstancesCommand({ InstanceIds: [id] }));
    advance(200);
    await client.send(new StartInstancesCommand({ InstanceIds: [id] }));
    expect((await running(id)).PublicIpAddress).toBeUndefined();
  });

  it("associates a public IP in a private subnet when the interface asks for one", async () => {
    const subnet = subnetIn(privates, "us-east-1d");
    const db = groupId("hangar-db", subnet.VpcId);
    const launched = await launch({
      NetworkInterfaces: [{ DeviceIndex: 0, SubnetId: subnet.SubnetId, Groups: [db], AssociatePublicIpAddress: true }],
    });
    const instance = await running(launched.InstanceId ?? "");
    expect(instance.PublicIpAddress).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(instance.SecurityGroups).toEqual([{ GroupId: db, GroupName: "hangar-db" }]);
  });

  it("without a subnet, uses the default subnet of the zone and security groups named in the default VPC", async () => {
    const instance = await launch({ Placement: { AvailabilityZone: "us-east-1e" }, SecurityGroups: ["hangar-web"] });
    const subnet = subnetIn(defaults, "us-east-1e");
    expect(instance.SubnetId).toBe(subnet.SubnetId);
    expect(inCidr(instance.PrivateIpAddress, subnet.CidrBlock)).toBe(true);
    expect(instance.SecurityGroups).toEqual([{ GroupId: groupId("hangar-web", subnet.VpcId), GroupName: "hangar-web" }]);
  });
});

describe("RunInstances network errors", () => {
  it("uses EC2's codes for unknown and mismatched subnets, groups and key pairs", async () => {
    const priv = subnetIn(privates, "us-east-1a");
    const notFound = await expectEc2Error(launch({ SubnetId: "subnet-0aaaaaaaaaaaaaaaa" }), "InvalidSubnetID.NotFound", 400);
    expect(notFound.message).toBe("The subnet ID 'subnet-0aaaaaaaaaaaaaaaa' does not exist");
    await expectEc2Error(launch({ SubnetId: "subnet-nope" }), "InvalidSubnetID.Malformed", 400);
    const zone = await expectEc2Error(launch({ SubnetId: priv.SubnetId, Placement: { AvailabilityZone: "us-east-1b" } }), "InvalidParameterValue", 400);
    expect(zone.message).toBe(`Value (us-east-1b) for parameter availabilityZone is invalid. Subnet '${priv.SubnetId}' is in the availability zone us-east-1a`);

    const unknownGroup = await expectEc2Error(launch({ SubnetId: priv.SubnetId, SecurityGroupIds: ["sg-0bbbbbbbbbbbbbbbb"] }), "InvalidGroup.NotFound", 400);
    expect(unknownGroup.message).toBe(`The security group 'sg-0bbbbbbbbbbbbbbbb' does not exist in VPC '${priv.VpcId}'`);
    const web = groupId("hangar-web", defaults[0]?.VpcId);
    const foreign = await expectEc2Error(launch({ SubnetId: priv.SubnetId, SecurityGroupIds: [web] }), "InvalidParameter", 400);
    expect(foreign.message).toBe(`Security group ${web} and subnet ${priv.SubnetId} belong to different networks.`);
    await expectEc2Error(launch({ SecurityGroupIds: [groupId("hangar-db", priv.VpcId)] }), "InvalidParameter", 400);
    await expectEc2Error(launch({ SubnetId: priv.SubnetId, SecurityGroups: ["default"] }), "InvalidParameterCombination", 400);
    await expectEc2Error(launch({ SecurityGroups: ["nope"] }), "InvalidGroup.NotFound", 400);

    const key = await expectEc2Error(launch({ KeyName: "nope" }), "InvalidKeyPair.NotFound", 400);
    expect(key.message).toBe("The key pair 'nope' does not exist");
  });

  it("refuses a network interface together with an instance-level subnet or groups", async () => {
    const subnet = subnetIn(defaults, "us-east-1a");
    const nic = [{ DeviceIndex: 0, SubnetId: subnet.SubnetId }];
    const both = await expectEc2Error(launch({ SubnetId: subnet.SubnetId, NetworkInterfaces: nic }), "InvalidParameterCombination", 400);
    expect(both.message).toBe("Network interfaces and an instance-level subnet ID may not be specified on the same request");
    await expectEc2Error(launch({ SecurityGroupIds: [groupId("default", subnet.VpcId)], NetworkInterfaces: nic }), "InvalidParameterCombination", 400);
    await expectEc2Error(launch({ NetworkInterfaces: [{ SubnetId: subnet.SubnetId }] }), "InvalidParameterValue", 400);
  });

  it("answers Unsupported for a type the zone does not offer, and places unpinned launches where it is offered", async () => {
    const offered = new Set(["us-east-1a", "us-east-1d", "us-east-1e", "us-east-1f"]); // g4dn's zones (catalog/offerings.ts)
    const error = await expectEc2Error(launch({ InstanceType: "g4dn.xlarge", Placement: { AvailabilityZone: "us-east-1b" } }), "Unsupported", 400);
    expect(error.message).toBe(
      "Your requested instance type (g4dn.xlarge) is not supported in your requested Availability Zone (us-east-1b). " +
        "Please retry your request by not specifying an Availability Zone or choosing us-east-1a, us-east-1d, us-east-1e, us-east-1f.",
    );
    await expectEc2Error(launch({ InstanceType: "g4dn.xlarge", SubnetId: subnetIn(privates, "us-east-1c").SubnetId }), "Unsupported", 400);
    for (let i = 0; i < 8; i++) {
      const instance = await launch({ InstanceType: "g4dn.xlarge" });
      expect(offered.has(instance.Placement?.AvailabilityZone ?? "")).toBe(true);
    }
  });

  it("answers InsufficientFreeAddressesInSubnet when the subnet cannot hold the launch", async () => {
    const res = await fetch(`${sandbox.url}/_sandbox/network`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ account: "AKIARUNNETWORK001", region: "us-east-1", kind: "subnet", vpcId: privates[0]?.VpcId, zone: "f", cidr: "10.0.200.0/28" }),
    });
    const tiny = (await res.json()) as { id: string; availableIpAddressCount: number };
    expect(tiny.availableIpAddressCount).toBe(11);
    await expectEc2Error(launch({ SubnetId: tiny.id, MinCount: 12, MaxCount: 12 }), "InsufficientFreeAddressesInSubnet", 400);
    const partial = await client.send(new RunInstancesCommand({ ImageId: image, InstanceType: "t3.micro", MinCount: 5, MaxCount: 20, SubnetId: tiny.id }));
    expect(partial.Instances).toHaveLength(11);
  });
});
