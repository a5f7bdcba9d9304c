import {
  RunInstancesCommand,
  TerminateInstancesCommand,
  type EC2Client,
  type RunInstancesCommandInput,
} from "@aws-sdk/client-ec2";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Sandbox } from "../server";
import type { CounterRow } from "../traffic/counters";
import { admin, al2023, ec2, expectEc2Error, sleep, start } from "./helpers";

let sandbox: Sandbox;
let client: EC2Client;
let image: string;

beforeAll(async () => {
  sandbox = await start();
  client = ec2(sandbox);
  image = await al2023(client);
});
beforeEach(() => admin(sandbox, "reset", { method: "POST" }));
afterAll(() => sandbox.close());

const input = (token: string | undefined, count = 2): RunInstancesCommandInput => ({
  ImageId: image,
  InstanceType: "t3.micro",
  MinCount: count,
  MaxCount: count,
  ClientToken: token,
  TagSpecifications: [{ ResourceType: "instance", Tags: [{ Key: "env", Value: "idem" }] }],
});

async function instanceCount(): Promise<number> {
  const { body } = await admin<{ instances: unknown[] }>(sandbox, "instances");
  return body.instances.length;
}

describe("ClientToken idempotency", () => {
  it("returns the same reservation for the same token and parameters", async () => {
    const first = await client.send(new RunInstancesCommand(input("token-same")));
    const again = await client.send(new RunInstancesCommand(input("token-same")));
    expect(again.ReservationId).toBe(first.ReservationId);
    expect(again.Instances?.map((i) => i.InstanceId)).toEqual(first.Instances?.map((i) => i.InstanceId));
    expect(await instanceCount()).toBe(2);
  });

  it("rejects the same token with different parameters", async () => {
    await client.send(new RunInstancesCommand(input("token-mismatch")));
    await expectEc2Error(
      client.send(new RunInstancesCommand(input("token-mismatch", 3))),
      "IdempotentParameterMismatch",
      400,
    );
    expect(await instanceCount()).toBe(2);
  });

  it("keeps answering with the original instances after they terminated", async () => {
    const first = await client.send(new RunInstancesCommand(input("token-terminated", 1)));
    const id = first.Instances?.[0]?.InstanceId ?? "";
    await client.send(new TerminateInstancesCommand({ InstanceIds: [id] }));
    await sleep(250);
    const replay = await client.send(new RunInstancesCommand(input("token-terminated", 1)));
    expect(replay.Instances?.map((i) => [i.InstanceId, i.State?.Name])).toEqual([[id, "terminated"]]);
    expect(await instanceCount()).toBe(1);
  });

  it("survives a response dropped after the launch: the SDK retry gets the same instances", async () => {
    await admin(sandbox, "config", {
      method: "PUT",
      body: { faults: { drops: [{ action: "RunInstances", count: 1 }] } },
    });
    const retrying = ec2(sandbox, { maxAttempts: 3 });
    // No explicit ClientToken: the SDK generates one and reuses it for its retries.
    const out = await retrying.send(new RunInstancesCommand(input(undefined, 3)));
    expect(out.$metadata.attempts).toBe(2);
    expect(out.Instances).toHaveLength(3);
    expect(await instanceCount()).toBe(3);
    const { body } = await admin<{ counters: CounterRow[] }>(sandbox, "counters?action=RunInstances");
    expect(body.counters).toEqual([
      expect.objectContaining({ action: "RunInstances", region: "us-east-1", total: 2, ok: 1, dropped: 1 }),
    ]);
    const config = await admin<{ faults: { drops: unknown[] } }>(sandbox, "config");
    expect(config.body.faults.drops).toEqual([]);
  });
});
