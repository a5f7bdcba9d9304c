import {
  DescribeInstancesCommand,
  DescribeRegionsCommand,
  RunInstancesCommand,
  TerminateInstancesCommand,
  type EC2Client,
} from "@aws-sdk/client-ec2";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Sandbox } from "../server";
import type { CounterRow } from "../traffic/counters";
import { admin, al2023, ec2, expectEc2Error, start } from "./helpers";

let sandbox: Sandbox;
let client: EC2Client;
let image: string;
let now = Date.now();

beforeAll(async () => {
  // A frozen clock makes token-bucket refills deterministic.
  sandbox = await start({ clock: () => now, limits: "aws" });
  client = ec2(sandbox);
  image = await al2023(client);
});
beforeEach(async () => {
  await admin(sandbox, "reset?config=1", { method: "POST" });
  now += 60_000;
});
afterAll(() => sandbox.close());

const launch = (zone?: string, type = "t3.micro", c: EC2Client = client) =>
  c.send(
    new RunInstancesCommand({
      ImageId: image,
      InstanceType: type as "t3.micro",
      MinCount: 1,
      MaxCount: 1,
      Placement: zone === undefined ? undefined : { AvailabilityZone: zone },
    }),
  );

async function counters(action: string): Promise<CounterRow | undefined> {
  const { body } = await admin<{ counters: CounterRow[] }>(sandbox, `counters?action=${action}`);
  return body.counters[0];
}

describe("request throttling", () => {
  it("allows a burst of 5 RunInstances, then answers RequestLimitExceeded (503)", async () => {
    for (let i = 0; i < 5; i++) await launch();
    const error = await expectEc2Error(launch(), "RequestLimitExceeded", 503);
    expect(error.message).toBe("Request limit exceeded.");
    now += 500; // refill: 2 tokens per second
    await expect(launch()).resolves.toBeDefined();
    expect(await counters("RunInstances")).toMatchObject({ total: 7, ok: 6, errors: { RequestLimitExceeded: 1 } });
  });

  it("keeps buckets per account and honours custom numbers", async () => {
    await admin(sandbox, "config", {
      method: "PUT",
      body: { limits: { nonMutating: { burst: 2, refillPerSecond: 1 } } },
    });
    const other = ec2(sandbox, { accessKeyId: "AKIAOTHERACCOUNT" });
    await client.send(new DescribeRegionsCommand({}));
    await client.send(new DescribeRegionsCommand({}));
    await expectEc2Error(client.send(new DescribeRegionsCommand({})), "RequestLimitExceeded", 503);
    await expect(other.send(new DescribeRegionsCommand({}))).resolves.toBeDefined();
    await admin(sandbox, "config", { method: "PUT", body: { limits: "off" } });
    for (let i = 0; i < 10; i++) await client.send(new DescribeRegionsCommand({}));
  });
});

describe("fault injection", () => {
  it("fails launches in a zone without capacity and places unpinned launches elsewhere", async () => {
    await admin(sandbox, "config", {
      method: "PUT",
      body: { limits: "off", faults: { capacity: [{ zone: "us-east-1a", instanceType: "t3.micro" }] } },
    });
    const error = await expectEc2Error(launch("us-east-1a"), "InsufficientInstanceCapacity", 500);
    expect(error.message).toContain(
      "We currently do not have sufficient t3.micro capacity in the Availability Zone you requested (us-east-1a)",
    );
    expect(error.message).toContain("us-east-1b");
    await expect(launch("us-east-1a", "t3.small")).resolves.toBeDefined();
    for (let i = 0; i < 12; i++) {
      const out = await launch();
      expect(out.Instances?.[0]?.Placement?.AvailabilityZone).not.toBe("us-east-1a");
    }
  });

  it("consumes counted capacity faults", async () => {
    await admin(sandbox, "config", {
      method: "PUT",
      body: { limits: "off", faults: { capacity: [{ zone: "us-east-1b", count: 1 }] } },
    });
    await expectEc2Error(launch("us-east-1b"), "InsufficientInstanceCapacity", 500);
    await expect(launch("us-east-1b")).resolves.toBeDefined();
  });

  it("denies listed actions with UnauthorizedOperation (403)", async () => {
    await admin(sandbox, "config", {
      method: "PUT",
      body: { limits: "off", faults: { deny: ["TerminateInstances"] } },
    });
    const id = (await launch()).Instances?.[0]?.InstanceId ?? "";
    const error = await expectEc2Error(
      client.send(new TerminateInstancesCommand({ InstanceIds: [id] })),
      "UnauthorizedOperation",
      403,
    );
    expect(error.message).toBe("You are not authorized to perform this operation.");
  });

  it("injects errors for the next N calls; the SDK retries 5xx", async () => {
    await admin(sandbox, "config", {
      method: "PUT",
      body: { limits: "off", faults: { errors: [{ action: "DescribeInstances", code: "InternalError", count: 2 }] } },
    });
    const retrying = ec2(sandbox, { maxAttempts: 3 });
    const out = await retrying.send(new DescribeInstancesCommand({}));
    expect(out.$metadata.attempts).toBe(3);
    expect(await counters("DescribeInstances")).toMatchObject({ total: 3, ok: 1, errors: { InternalError: 2 } });

    await admin(sandbox, "config", {
      method: "PUT",
      body: { faults: { errors: [{ action: "*", code: "Unavailable", rate: 1 }] } },
    });
    await expectEc2Error(client.send(new DescribeRegionsCommand({})), "Unavailable", 503);
  });

  it("adds latency per action", async () => {
    await admin(sandbox, "config", {
      method: "PUT",
      body: { limits: "off", faults: { latency: [{ action: "DescribeRegions", fixedMs: 200 }] } },
    });
    const started = performance.now();
    await client.send(new DescribeRegionsCommand({}));
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
  });
});

describe("seeded runs", () => {
  it("produce the same ids for the same requests", async () => {
    const ids: string[][] = [];
    for (let run = 0; run < 2; run++) {
      const seeded = await start({ seed: 42 });
      const c = ec2(seeded);
      const out = await c.send(
        new RunInstancesCommand({ ImageId: await al2023(c), MinCount: 3, MaxCount: 3, InstanceType: "t3.micro" }),
      );
      ids.push(
        (out.Instances ?? []).map(
          (i) => `${i.InstanceId ?? ""} ${i.PrivateIpAddress ?? ""} ${i.Placement?.AvailabilityZone ?? ""}`,
        ),
      );
      await seeded.close();
    }
    expect(ids[0]).toEqual(ids[1]);
  });
});
