import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DescribeInstancesCommand, RunInstancesCommand, type RunInstancesCommandInput } from "@aws-sdk/client-ec2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { al2023, ec2, sleep, start } from "./helpers";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "hangar-sandbox-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("state file", () => {
  it("keeps instances, client tokens and address allocations across a restart", async () => {
    const stateFile = join(dir, "nested", "state.json");
    const first = await start({ stateFile, snapshotDebounceMs: 20 });
    const client = ec2(first);
    const input: RunInstancesCommandInput = {
      ImageId: await al2023(client),
      InstanceType: "t3.micro",
      MinCount: 2,
      MaxCount: 2,
      ClientToken: "persisted-token",
      Placement: { AvailabilityZone: "us-east-1a" },
      TagSpecifications: [{ ResourceType: "instance", Tags: [{ Key: "env", Value: "persist" }] }],
    };
    const run = await client.send(new RunInstancesCommand(input));
    await sleep(100); // the debounced snapshot lands without waiting for close()
    expect(JSON.parse(await readFile(stateFile, "utf8"))).toMatchObject({ version: 1 });
    await first.close();
    expect((await readdir(join(dir, "nested"))).filter((f) => f.endsWith(".tmp"))).toEqual([]);

    const second = await start({ stateFile });
    try {
      const again = ec2(second);
      const described = await again.send(
        new DescribeInstancesCommand({ Filters: [{ Name: "tag:env", Values: ["persist"] }] }),
      );
      const instances = described.Reservations?.flatMap((r) => r.Instances ?? []) ?? [];
      expect(instances.map((i) => i.InstanceId)).toEqual(run.Instances?.map((i) => i.InstanceId));
      // Transitions are timestamps, so a restart neither resets nor freezes them.
      await sleep(200);
      const later = await again.send(
        new DescribeInstancesCommand({ InstanceIds: instances.map((i) => i.InstanceId ?? "") }),
      );
      expect(later.Reservations?.flatMap((r) => r.Instances ?? []).map((i) => i.State?.Name)).toEqual([
        "running",
        "running",
      ]);

      const replay = await again.send(new RunInstancesCommand(input));
      expect(replay.ReservationId).toBe(run.ReservationId);

      const fresh = await again.send(new RunInstancesCommand({ ...input, ClientToken: "another-token" }));
      const oldIps = new Set(run.Instances?.map((i) => i.PrivateIpAddress));
      expect(fresh.Instances?.some((i) => oldIps.has(i.PrivateIpAddress))).toBe(false);
    } finally {
      await second.close();
    }
  });
});
