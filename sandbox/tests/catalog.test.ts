import {
  DescribeAvailabilityZonesCommand,
  DescribeImagesCommand,
  DescribeInstanceTypesCommand,
  DescribeRegionsCommand,
  paginateDescribeInstanceTypes,
  type EC2Client,
} from "@aws-sdk/client-ec2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Sandbox } from "../server";
import { ec2, expectEc2Error, start } from "./helpers";

let sandbox: Sandbox;
let client: EC2Client;

beforeAll(async () => {
  sandbox = await start();
  client = ec2(sandbox);
});
afterAll(() => sandbox.close());

describe("DescribeInstanceTypes", () => {
  it("returns real figures", async () => {
    const out = await client.send(
      new DescribeInstanceTypesCommand({ InstanceTypes: ["t3.micro", "m5.large", "t4g.small", "g4dn.xlarge"] }),
    );
    const byName = new Map(out.InstanceTypes?.map((t) => [t.InstanceType, t]));
    expect(byName.get("t3.micro")).toMatchObject({
      VCpuInfo: { DefaultVCpus: 2 },
      MemoryInfo: { SizeInMiB: 1024 },
      ProcessorInfo: { SupportedArchitectures: ["x86_64"] },
      BurstablePerformanceSupported: true,
      CurrentGeneration: true,
    });
    expect(byName.get("m5.large")).toMatchObject({ VCpuInfo: { DefaultVCpus: 2 }, MemoryInfo: { SizeInMiB: 8192 } });
    expect(byName.get("t4g.small")?.ProcessorInfo?.SupportedArchitectures).toEqual(["arm64"]);
    expect(byName.get("g4dn.xlarge")?.GpuInfo?.Gpus?.[0]?.Count).toBe(1);
    expect(byName.get("g4dn.xlarge")?.NetworkInfo?.NetworkPerformance).toBe("Up to 25 Gigabit");
  });

  it("pages through all 1,373 types and filters", async () => {
    let total = 0;
    for await (const page of paginateDescribeInstanceTypes({ client, pageSize: 100 }, {})) {
      expect(page.InstanceTypes?.length).toBeLessThanOrEqual(100);
      total += page.InstanceTypes?.length ?? 0;
    }
    expect(total).toBe(1373);
    const t3 = await client.send(
      new DescribeInstanceTypesCommand({
        Filters: [
          { Name: "instance-type", Values: ["t3.*"] },
          { Name: "processor-info.supported-architecture", Values: ["x86_64"] },
          { Name: "current-generation", Values: ["true"] },
        ],
      }),
    );
    expect(t3.InstanceTypes?.map((t) => t.InstanceType).sort()).toEqual([
      "t3.2xlarge",
      "t3.large",
      "t3.medium",
      "t3.micro",
      "t3.nano",
      "t3.small",
      "t3.xlarge",
    ]);
  });

  it("validates type names and MaxResults", async () => {
    const error = await expectEc2Error(
      client.send(new DescribeInstanceTypesCommand({ InstanceTypes: ["t3.micro", "z9.huge" as "t3.micro"] })),
      "InvalidInstanceType",
      400,
    );
    expect(error.message).toBe("The following supplied instance types do not exist: [z9.huge]");
    await expectEc2Error(
      client.send(new DescribeInstanceTypesCommand({ MaxResults: 101 })),
      "InvalidParameterValue",
      400,
    );
  });
});

describe("DescribeImages", () => {
  it("lists images by owner, name pattern and architecture", async () => {
    const amazon = await client.send(new DescribeImagesCommand({ Owners: ["amazon"] }));
    expect(amazon.Images?.every((i) => i.OwnerId === "137112412989" && i.ImageOwnerAlias === "amazon")).toBe(true);
    const ubuntu = await client.send(
      new DescribeImagesCommand({
        Owners: ["099720109477"],
        Filters: [
          { Name: "name", Values: ["ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-*"] },
          { Name: "architecture", Values: ["arm64"] },
        ],
      }),
    );
    expect(ubuntu.Images).toHaveLength(1);
    const image = ubuntu.Images?.[0];
    expect(image).toMatchObject({
      Architecture: "arm64",
      RootDeviceType: "ebs",
      State: "available",
      VirtualizationType: "hvm",
      Public: true,
    });
    expect(image?.ImageId).toMatch(/^ami-0[0-9a-f]{16}$/);
    expect(image?.CreationDate).toMatch(/^\d{4}-\d\d-\d\dT/);
    const debian = await client.send(new DescribeImagesCommand({ Owners: ["136693071363"] }));
    expect(debian.Images?.map((i) => i.Architecture).sort()).toEqual(["arm64", "x86_64"]);
    expect((await client.send(new DescribeImagesCommand({ Owners: ["self"] }))).Images).toEqual([]);
  });

  it("looks images up by id and reports unknown ones", async () => {
    const [first] = (await client.send(new DescribeImagesCommand({ Owners: ["amazon"] }))).Images ?? [];
    const byId = await client.send(new DescribeImagesCommand({ ImageIds: [first?.ImageId ?? ""] }));
    expect(byId.Images?.map((i) => i.Name)).toEqual([first?.Name]);
    await expectEc2Error(
      client.send(new DescribeImagesCommand({ ImageIds: ["ami-0fffffffffffffff0"] })),
      "InvalidAMIID.NotFound",
      400,
    );
    await expectEc2Error(
      client.send(new DescribeImagesCommand({ Filters: [{ Name: "flavour", Values: ["x"] }] })),
      "InvalidParameterValue",
      400,
    );
  });
});

describe("regions and zones", () => {
  it("lists enabled regions, and opt-in ones with AllRegions", async () => {
    const enabled = (await client.send(new DescribeRegionsCommand({}))).Regions?.map((r) => r.RegionName) ?? [];
    expect(enabled).toEqual(
      expect.arrayContaining([
        "us-east-1",
        "us-east-2",
        "us-west-2",
        "eu-west-1",
        "eu-central-1",
        "ap-southeast-1",
        "ap-northeast-1",
      ]),
    );
    expect(enabled).not.toContain("af-south-1");
    const all = await client.send(new DescribeRegionsCommand({ AllRegions: true }));
    expect(all.Regions?.find((r) => r.RegionName === "af-south-1")).toMatchObject({
      OptInStatus: "not-opted-in",
      Endpoint: "ec2.af-south-1.amazonaws.com",
    });
  });

  it("lists the zones of the signing region", async () => {
    const eu = ec2(sandbox, { region: "eu-central-1" });
    const zones = await eu.send(new DescribeAvailabilityZonesCommand({}));
    expect(zones.AvailabilityZones?.map((z) => [z.ZoneName, z.ZoneId, z.State])).toEqual([
      ["eu-central-1a", "euc1-az1", "available"],
      ["eu-central-1b", "euc1-az2", "available"],
      ["eu-central-1c", "euc1-az3", "available"],
    ]);
    await expectEc2Error(
      eu.send(new DescribeAvailabilityZonesCommand({ ZoneNames: ["us-east-1a"] })),
      "InvalidParameterValue",
      400,
    );
  });
});
