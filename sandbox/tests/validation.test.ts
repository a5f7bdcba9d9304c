import {
  DescribeInstancesCommand,
  RunInstancesCommand,
  StartInstancesCommand,
  StopInstancesCommand,
  TerminateInstancesCommand,
  type EC2Client,
  type RunInstancesCommandInput,
} from "@aws-sdk/client-ec2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Sandbox } from "../server";
import { al2023, ec2, expectEc2Error, start } from "./helpers";

let sandbox: Sandbox;
let client: EC2Client;
let image: string;
let armImage: string;

beforeAll(async () => {
  sandbox = await start();
  client = ec2(sandbox);
  image = await al2023(client);
  armImage = await al2023(client, "arm64");
});
afterAll(() => sandbox.close());

const run = (input: Partial<RunInstancesCommandInput>) =>
  client.send(
    new RunInstancesCommand({
      ImageId: image,
      InstanceType: "t3.micro",
      MinCount: 1,
      MaxCount: 1,
      ...input,
    }),
  );

/** A request the SDK cannot produce (unknown action), with a well-formed SigV4 header. */
async function rawCall(body: string, authorization?: string): Promise<{ status: number; text: string }> {
  const response = await fetch(sandbox.url, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      ...(authorization === undefined ? {} : { authorization }),
    },
    body,
  });
  return { status: response.status, text: await response.text() };
}
const fakeAuth = `AWS4-HMAC-SHA256 Credential=AKIATESTACCOUNT1/20261123/us-east-1/ec2/aws4_request, SignedHeaders=host;x-amz-date, Signature=${"0".repeat(64)}`;

describe("RunInstances validation", () => {
  it("requires ImageId, MinCount and MaxCount", async () => {
    const missingImage = await expectEc2Error(run({ ImageId: undefined }), "MissingParameter", 400);
    expect(missingImage.message).toBe("The request must contain the parameter ImageId");
    await expectEc2Error(run({ MinCount: undefined }), "MissingParameter", 400);
    await expectEc2Error(run({ MaxCount: undefined }), "MissingParameter", 400);
  });

  it("checks counts", async () => {
    await expectEc2Error(run({ MinCount: 3, MaxCount: 2 }), "InvalidParameterValue", 400);
    await expectEc2Error(run({ MinCount: 0, MaxCount: 2 }), "InvalidParameterValue", 400);
  });

  it("checks image ids, instance types, architecture and zone", async () => {
    const malformed = await expectEc2Error(run({ ImageId: "ami-xyz" }), "InvalidAMIID.Malformed", 400);
    expect(malformed.message).toBe('Invalid id: "ami-xyz" (expecting "ami-...")');
    await expectEc2Error(run({ ImageId: "ami-0123456789abcdef0" }), "InvalidAMIID.NotFound", 400);
    // The same image has another id in another region, as on AWS.
    await expectEc2Error(
      ec2(sandbox, { region: "eu-west-1" }).send(new RunInstancesCommand({ ImageId: image, MinCount: 1, MaxCount: 1 })),
      "InvalidAMIID.NotFound",
      400,
    );
    const badType = await expectEc2Error(
      run({ InstanceType: "t3.gigantic" as "t3.micro" }),
      "InvalidParameterValue",
      400,
    );
    expect(badType.message).toBe("Invalid value 't3.gigantic' for InstanceType.");
    const arch = await expectEc2Error(
      run({ ImageId: armImage, InstanceType: "t3.micro" }),
      "InvalidParameterValue",
      400,
    );
    expect(arch.message).toContain("does not match the architecture 'arm64' of the specified AMI");
    await expect(run({ ImageId: armImage, InstanceType: "t4g.micro" })).resolves.toBeDefined();
    const zone = await expectEc2Error(
      run({ Placement: { AvailabilityZone: "us-east-1z" } }),
      "InvalidParameterValue",
      400,
    );
    expect(zone.message).toBe("Invalid availability zone: [us-east-1z]");
  });

  it("limits user data to 16 KB and checks tag specifications", async () => {
    const big = Buffer.alloc(16 * 1024 + 1, "a").toString("base64");
    await expectEc2Error(run({ UserData: big }), "InvalidParameterValue", 400);
    await expect(run({ UserData: Buffer.alloc(16 * 1024, "a").toString("base64") })).resolves.toBeDefined();
    await expectEc2Error(
      run({ TagSpecifications: [{ ResourceType: "bucket" as "instance", Tags: [{ Key: "a", Value: "b" }] }] }),
      "InvalidParameterValue",
      400,
    );
  });

  it("answers DryRunOperation only for valid requests", async () => {
    const dry = await expectEc2Error(run({ DryRun: true }), "DryRunOperation", 412);
    expect(dry.message).toBe("Request would have succeeded, but DryRun flag is set.");
    await expectEc2Error(run({ DryRun: true, InstanceType: "t3.nope" as "t3.micro" }), "InvalidParameterValue", 400);
  });
});

describe("instance id validation", () => {
  it("rejects malformed ids before looking anything up", async () => {
    for (const send of [
      (ids: string[]) => client.send(new DescribeInstancesCommand({ InstanceIds: ids })),
      (ids: string[]) => client.send(new TerminateInstancesCommand({ InstanceIds: ids })),
      (ids: string[]) => client.send(new StopInstancesCommand({ InstanceIds: ids })),
      (ids: string[]) => client.send(new StartInstancesCommand({ InstanceIds: ids })),
    ]) {
      const error = await expectEc2Error(send(["i-0aaaaaaaaaaaaaaaa", "i-123"]), "InvalidInstanceID.Malformed", 400);
      expect(error.message).toBe('Invalid id: "i-123"');
      await expectEc2Error(send(["i-0123456789ABCDEF0"]), "InvalidInstanceID.Malformed", 400);
    }
  });

  it("lists every unknown id in NotFound", async () => {
    const error = await expectEc2Error(
      client.send(new TerminateInstancesCommand({ InstanceIds: ["i-0aaaaaaaaaaaaaaaa", "i-0bbbbbbbbbbbbbbbb"] })),
      "InvalidInstanceID.NotFound",
      400,
    );
    expect(error.message).toBe("The instance IDs 'i-0aaaaaaaaaaaaaaaa, i-0bbbbbbbbbbbbbbbb' do not exist");
    const single = await expectEc2Error(
      client.send(new DescribeInstancesCommand({ InstanceIds: ["i-0abcdef1"] })),
      "InvalidInstanceID.NotFound",
      400,
    );
    expect(single.message).toBe("The instance ID 'i-0abcdef1' does not exist");
  });
});

describe("DescribeInstances parameters", () => {
  it("enforces the MaxResults range and its combination rules", async () => {
    await expectEc2Error(client.send(new DescribeInstancesCommand({ MaxResults: 4 })), "InvalidParameterValue", 400);
    await expectEc2Error(client.send(new DescribeInstancesCommand({ MaxResults: 1001 })), "InvalidParameterValue", 400);
    await expectEc2Error(
      client.send(new DescribeInstancesCommand({ MaxResults: 5, InstanceIds: ["i-0aaaaaaaaaaaaaaaa"] })),
      "InvalidParameterCombination",
      400,
    );
    await expectEc2Error(
      client.send(new DescribeInstancesCommand({ NextToken: "garbage" })),
      "InvalidPaginationToken",
      400,
    );
  });
});

describe("protocol errors", () => {
  it("answers InvalidAction for unknown actions, in EC2's error envelope", async () => {
    const { status, text } = await rawCall("Action=LaunchRocket&Version=2016-11-15", fakeAuth);
    expect(status).toBe(400);
    expect(text).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<Response><Errors><Error><Code>InvalidAction<\/Code><Message>The action LaunchRocket is not valid for this web service.<\/Message><\/Error><\/Errors><RequestID>[0-9a-f-]{36}<\/RequestID><\/Response>$/,
    );
  });

  it("answers AuthFailure without a usable Authorization header", async () => {
    expect((await rawCall("Action=DescribeRegions&Version=2016-11-15")).status).toBe(401);
    expect((await rawCall("Action=DescribeRegions&Version=2016-11-15", "AWS4-HMAC-SHA256 nonsense")).text).toContain(
      "<Code>AuthFailure</Code>",
    );
  });
});
