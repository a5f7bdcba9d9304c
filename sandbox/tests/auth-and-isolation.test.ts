import { DescribeInstancesCommand, DescribeRegionsCommand, RunInstancesCommand } from "@aws-sdk/client-ec2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Sandbox } from "../server";
import { al2023, ec2, expectEc2Error, start } from "./helpers";

describe("SigV4 verification", () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await start({ credentials: { AKIAVERIFIED00001: "right-secret", AKIAVERIFIED00002: "second/secret+=" } });
  });
  afterAll(() => sandbox.close());

  it("accepts requests signed with the configured secret", async () => {
    const ok = ec2(sandbox, { accessKeyId: "AKIAVERIFIED00001", secretAccessKey: "right-secret" });
    await expect(ok.send(new DescribeRegionsCommand({}))).resolves.toBeDefined();
    const image = await al2023(ok);
    const run = await ok.send(
      new RunInstancesCommand({
        ImageId: image,
        MinCount: 1,
        MaxCount: 1,
        InstanceType: "t3.micro",
        TagSpecifications: [
          { ResourceType: "instance", Tags: [{ Key: "needs encoding", Value: "a b+c/d=e&f~g*h'é" }] },
        ],
      }),
    );
    expect(run.Instances?.[0]?.Tags).toEqual([{ Key: "needs encoding", Value: "a b+c/d=e&f~g*h'é" }]);
    const second = ec2(sandbox, { accessKeyId: "AKIAVERIFIED00002", secretAccessKey: "second/secret+=" });
    await expect(second.send(new DescribeRegionsCommand({}))).resolves.toBeDefined();
  });

  it("rejects a wrong secret and an unknown access key with AuthFailure (401)", async () => {
    const wrong = ec2(sandbox, { accessKeyId: "AKIAVERIFIED00001", secretAccessKey: "wrong-secret" });
    const error = await expectEc2Error(wrong.send(new DescribeRegionsCommand({})), "AuthFailure", 401);
    expect(error.message).toBe("AWS was not able to validate the provided access credentials");
    const unknown = ec2(sandbox, { accessKeyId: "AKIAUNKNOWN000000", secretAccessKey: "right-secret" });
    await expectEc2Error(unknown.send(new DescribeRegionsCommand({})), "AuthFailure", 401);
  });
});

describe("account and region isolation", () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await start();
  });
  afterAll(() => sandbox.close());

  it("keeps instances per access key and per region", async () => {
    const alice = ec2(sandbox, { accessKeyId: "AKIAALICE00000000" });
    const bob = ec2(sandbox, { accessKeyId: "AKIABOB0000000000" });
    const aliceEu = ec2(sandbox, { accessKeyId: "AKIAALICE00000000", region: "eu-west-1" });
    const run = await alice.send(
      new RunInstancesCommand({ ImageId: await al2023(alice), MinCount: 1, MaxCount: 1, InstanceType: "t3.micro" }),
    );
    const id = run.Instances?.[0]?.InstanceId ?? "";
    expect(run.Instances?.[0]?.Placement?.AvailabilityZone).toMatch(/^us-east-1/);

    const all = async (c: typeof alice) =>
      ((await c.send(new DescribeInstancesCommand({}))).Reservations ?? [])
        .flatMap((r) => r.Instances ?? [])
        .map((i) => i.InstanceId);
    expect(await all(alice)).toEqual([id]);
    expect(await all(bob)).toEqual([]);
    expect(await all(aliceEu)).toEqual([]);
    await expectEc2Error(
      bob.send(new DescribeInstancesCommand({ InstanceIds: [id] })),
      "InvalidInstanceID.NotFound",
      400,
    );

    const eu = await aliceEu.send(
      new RunInstancesCommand({ ImageId: await al2023(aliceEu), MinCount: 1, MaxCount: 1, InstanceType: "t3.micro" }),
    );
    expect(eu.Instances?.[0]?.Placement?.AvailabilityZone).toMatch(/^eu-west-1[abc]$/);
    expect(eu.Instances?.[0]?.PrivateDnsName).toMatch(/\.eu-west-1\.compute\.internal$/);
    expect(eu.OwnerId).toBe(run.OwnerId);
    const bobRun = await bob.send(
      new RunInstancesCommand({ ImageId: await al2023(bob), MinCount: 1, MaxCount: 1, InstanceType: "t3.micro" }),
    );
    expect(bobRun.OwnerId).not.toBe(run.OwnerId);
  });

  it("refuses requests signed for unknown or not-enabled regions", async () => {
    await expectEc2Error(
      ec2(sandbox, { region: "xx-nowhere-1" }).send(new DescribeRegionsCommand({})),
      "AuthFailure",
      401,
    );
    await expectEc2Error(
      ec2(sandbox, { region: "af-south-1" }).send(new DescribeRegionsCommand({})),
      "AuthFailure",
      401,
    );
  });
});
