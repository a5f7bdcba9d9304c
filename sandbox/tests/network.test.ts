// The network Describe actions through the real SDK: default VPC and subnets, the private VPC,
// security groups, key pairs and instance type offerings, with EC2's filters, NotFound codes,
// pages and request limits.
import {
  DescribeInstanceTypeOfferingsCommand,
  DescribeKeyPairsCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  RunInstancesCommand,
  type EC2Client,
  type Subnet,
} from "@aws-sdk/client-ec2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Sandbox } from "../server";
import { admin, al2023, ec2, expectEc2Error, start } from "./helpers";

let sandbox: Sandbox;
let client: EC2Client;
beforeAll(async () => {
  sandbox = await start();
  client = ec2(sandbox, { accessKeyId: "AKIANETWORK000001" });
});
afterAll(() => sandbox.close());

const subnets = async (filters: Record<string, string[]>): Promise<Subnet[]> =>
  (await client.send(new DescribeSubnetsCommand({ Filters: Object.entries(filters).map(([Name, Values]) => ({ Name, Values })) }))).Subnets ?? [];

describe("DescribeVpcs", () => {
  it("has a default VPC and a private one, with ids stable per account and region", async () => {
    const { Vpcs = [] } = await client.send(new DescribeVpcsCommand({}));
    expect(Vpcs.map((v) => [v.CidrBlock, v.IsDefault, v.State])).toEqual([
      ["172.31.0.0/16", true, "available"],
      ["10.0.0.0/16", false, "available"],
    ]);
    expect(Vpcs[0]?.VpcId).toMatch(/^vpc-0[0-9a-f]{16}$/);
    expect(Vpcs[1]?.Tags).toEqual([{ Key: "Name", Value: "hangar-private" }]);
    expect(Vpcs[0]?.CidrBlockAssociationSet?.[0]?.CidrBlockState?.State).toBe("associated");

    const again = await start();
    try {
      const same = await ec2(again, { accessKeyId: "AKIANETWORK000001" }).send(new DescribeVpcsCommand({}));
      expect(same.Vpcs?.map((v) => v.VpcId)).toEqual(Vpcs.map((v) => v.VpcId));
    } finally {
      await again.close();
    }
    const other = await ec2(sandbox, { accessKeyId: "AKIANETWORK000002" }).send(new DescribeVpcsCommand({}));
    expect(other.Vpcs?.[0]?.VpcId).not.toBe(Vpcs[0]?.VpcId);
  });

  it("filters by is-default and answers InvalidVpcID.NotFound for unknown ids", async () => {
    const { Vpcs = [] } = await client.send(new DescribeVpcsCommand({ Filters: [{ Name: "is-default", Values: ["true"] }] }));
    expect(Vpcs).toHaveLength(1);
    const byId = await client.send(new DescribeVpcsCommand({ VpcIds: [Vpcs[0]?.VpcId ?? ""] }));
    expect(byId.Vpcs).toHaveLength(1);
    const error = await expectEc2Error(client.send(new DescribeVpcsCommand({ VpcIds: ["vpc-0aaaaaaaaaaaaaaaa"] })), "InvalidVpcID.NotFound", 400);
    expect(error.message).toBe("The vpc ID 'vpc-0aaaaaaaaaaaaaaaa' does not exist");
    await expectEc2Error(client.send(new DescribeVpcsCommand({ Filters: [{ Name: "nope", Values: ["x"] }] })), "InvalidParameterValue", 400);
  });
});

describe("DescribeSubnets", () => {
  it("has one default subnet per zone that maps public IPs, and private subnets that do not", async () => {
    const defaults = await subnets({ "default-for-az": ["true"] });
    expect(defaults.map((s) => s.AvailabilityZone)).toEqual(["a", "b", "c", "d", "e", "f"].map((l) => `us-east-1${l}`));
    for (const subnet of defaults) {
      expect(subnet).toMatchObject({ DefaultForAz: true, MapPublicIpOnLaunch: true, State: "available", AvailableIpAddressCount: 4091 });
      expect(subnet.CidrBlock).toMatch(/^172\.31\.\d+\.0\/20$/);
      expect(subnet.AvailabilityZoneId).toMatch(/^use1-az\d$/);
    }
    const { Vpcs = [] } = await client.send(new DescribeVpcsCommand({ Filters: [{ Name: "is-default", Values: ["false"] }] }));
    const privates = await subnets({ "vpc-id": [Vpcs[0]?.VpcId ?? ""], "availability-zone": ["us-east-1b"] });
    expect(privates).toHaveLength(1);
    expect(privates[0]).toMatchObject({ MapPublicIpOnLaunch: false, DefaultForAz: false, CidrBlock: "10.0.16.0/20" });
    expect(privates[0]?.Tags).toEqual([{ Key: "Name", Value: "hangar-private-b" }]);
    expect(await subnets({ "tag:Name": ["hangar-private-*"] })).toHaveLength(6);
  });

  it("pages with MaxResults and NextToken, and rejects unknown ids", async () => {
    const seen: string[] = [];
    let NextToken: string | undefined;
    do {
      const page = await client.send(new DescribeSubnetsCommand({ MaxResults: 5, NextToken }));
      expect(page.Subnets?.length).toBeLessThanOrEqual(5);
      seen.push(...(page.Subnets ?? []).map((s) => s.SubnetId ?? ""));
      NextToken = page.NextToken;
    } while (NextToken);
    expect(new Set(seen).size).toBe(12);
    await expectEc2Error(client.send(new DescribeSubnetsCommand({ MaxResults: 4 })), "InvalidParameterValue", 400);
    await expectEc2Error(client.send(new DescribeSubnetsCommand({ NextToken: "garbage" })), "InvalidPaginationToken", 400);
    const error = await expectEc2Error(
      client.send(new DescribeSubnetsCommand({ SubnetIds: [seen[0] ?? "", "subnet-0bbbbbbbbbbbbbbbb"] })),
      "InvalidSubnetID.NotFound",
      400,
    );
    expect(error.message).toBe("The subnet ID 'subnet-0bbbbbbbbbbbbbbbb' does not exist");
  });

  it("counts the addresses instances hold", async () => {
    const [subnet] = await subnets({ "default-for-az": ["true"], "availability-zone": ["us-east-1c"] });
    await client.send(new RunInstancesCommand({ ImageId: await al2023(client), InstanceType: "t3.micro", MinCount: 3, MaxCount: 3, SubnetId: subnet?.SubnetId }));
    const [after] = await subnets({ "subnet-id": [subnet?.SubnetId ?? ""] });
    expect(after?.AvailableIpAddressCount).toBe(4088);
  });
});

describe("DescribeSecurityGroups", () => {
  it("has a default group per VPC; names address the default VPC only", async () => {
    const { SecurityGroups = [] } = await client.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: "group-name", Values: ["default"] }] }));
    expect(SecurityGroups).toHaveLength(2);
    const { Vpcs = [] } = await client.send(new DescribeVpcsCommand({}));
    const byName = await client.send(new DescribeSecurityGroupsCommand({ GroupNames: ["default"] }));
    expect(byName.SecurityGroups?.map((g) => g.VpcId)).toEqual([Vpcs[0]?.VpcId]);
    const group = byName.SecurityGroups?.[0];
    expect(group?.GroupId).toMatch(/^sg-0[0-9a-f]{16}$/);
    expect(group?.IpPermissionsEgress).toEqual([expect.objectContaining({ IpProtocol: "-1", IpRanges: [{ CidrIp: "0.0.0.0/0" }] })]);
    expect(group?.IpPermissions?.[0]?.UserIdGroupPairs?.[0]?.GroupId).toBe(group?.GroupId);

    const privateGroups = await client.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: "vpc-id", Values: [Vpcs[1]?.VpcId ?? ""] }] }));
    expect(privateGroups.SecurityGroups?.map((g) => g.GroupName).sort()).toEqual(["default", "hangar-db"]);
    await expectEc2Error(client.send(new DescribeSecurityGroupsCommand({ GroupNames: ["hangar-db"] })), "InvalidGroup.NotFound", 400);
    const missing = await expectEc2Error(
      client.send(new DescribeSecurityGroupsCommand({ GroupIds: ["sg-0cccccccccccccccc"] })),
      "InvalidGroup.NotFound",
      400,
    );
    expect(missing.message).toBe("The security group 'sg-0cccccccccccccccc' does not exist");
  });
});

describe("DescribeKeyPairs", () => {
  it("lists the demo key pair and refuses unknown names", async () => {
    const { KeyPairs = [] } = await client.send(new DescribeKeyPairsCommand({}));
    expect(KeyPairs).toEqual([
      expect.objectContaining({ KeyName: "hangar-demo", KeyType: "ed25519", KeyPairId: expect.stringMatching(/^key-0[0-9a-f]{16}$/) }),
    ]);
    expect(KeyPairs[0]?.CreateTime).toBeInstanceOf(Date);
    const filtered = await client.send(new DescribeKeyPairsCommand({ Filters: [{ Name: "key-name", Values: ["hangar-*"] }] }));
    expect(filtered.KeyPairs).toHaveLength(1);
    const error = await expectEc2Error(client.send(new DescribeKeyPairsCommand({ KeyNames: ["nope"] })), "InvalidKeyPair.NotFound", 400);
    expect(error.message).toBe("The key pair 'nope' does not exist");
  });
});

describe("DescribeInstanceTypeOfferings", () => {
  const offeredZones = async (type: string): Promise<string[]> => {
    const out = await client.send(
      new DescribeInstanceTypeOfferingsCommand({ LocationType: "availability-zone", Filters: [{ Name: "instance-type", Values: [type] }] }),
    );
    return (out.InstanceTypeOfferings ?? []).map((o) => o.Location ?? "").sort();
  };

  it("offers the common types in every zone and others in a fixed subset of zones", async () => {
    expect(await offeredZones("t3.micro")).toEqual(["a", "b", "c", "d", "e", "f"].map((l) => `us-east-1${l}`));
    const gpu = await offeredZones("g4dn.xlarge");
    expect(gpu.length).toBeGreaterThan(0);
    expect(gpu.length).toBeLessThan(6);
    expect(await offeredZones("g4dn.xlarge")).toEqual(gpu);
    const inRegion = await client.send(new DescribeInstanceTypeOfferingsCommand({ Filters: [{ Name: "instance-type", Values: ["g4dn.xlarge"] }] }));
    expect(inRegion.InstanceTypeOfferings).toEqual([{ InstanceType: "g4dn.xlarge", LocationType: "region", Location: "us-east-1" }]);
    const byId = await client.send(
      new DescribeInstanceTypeOfferingsCommand({ LocationType: "availability-zone-id", Filters: [{ Name: "location", Values: ["use1-az1"] }], MaxResults: 5 }),
    );
    expect(byId.InstanceTypeOfferings).toHaveLength(5);
    expect(byId.NextToken).toBeDefined();
  });

  it("pages through every offering of a zone", async () => {
    const types = new Set<string>();
    let NextToken: string | undefined;
    let pages = 0;
    do {
      const page = await client.send(
        new DescribeInstanceTypeOfferingsCommand({ LocationType: "availability-zone", Filters: [{ Name: "location", Values: ["us-east-1b"] }], NextToken }),
      );
      for (const o of page.InstanceTypeOfferings ?? []) types.add(o.InstanceType ?? "");
      NextToken = page.NextToken;
      pages++;
    } while (NextToken);
    expect(pages).toBeGreaterThan(1); // 1,000 per page by default
    expect(types.has("t3.micro")).toBe(true);
    expect(types.has("g4dn.xlarge")).toBe((await offeredZones("g4dn.xlarge")).includes("us-east-1b"));
    await expectEc2Error(client.send(new DescribeInstanceTypeOfferingsCommand({ LocationType: "outpost" })), "InvalidParameterValue", 400);
  });
});

describe("request limits", () => {
  it("counts network Describe calls and throttles them in the Describe bucket", async () => {
    const limited = await start({ limits: { nonMutating: { burst: 2, refillPerSecond: 0.001 } } });
    try {
      const c = ec2(limited, { accessKeyId: "AKIANETWORKLIMIT1" });
      await c.send(new DescribeSubnetsCommand({}));
      await c.send(new DescribeKeyPairsCommand({}));
      await expectEc2Error(c.send(new DescribeVpcsCommand({})), "RequestLimitExceeded", 503);
      const { body } = await admin<{ counters: { action: string; total: number }[] }>(limited, "counters?account=AKIANETWORKLIMIT1");
      expect(body.counters.map((row) => [row.action, row.total]).sort()).toEqual([
        ["DescribeKeyPairs", 1],
        ["DescribeSubnets", 1],
        ["DescribeVpcs", 1],
      ]);
    } finally {
      await limited.close();
    }
  });
});
