import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  AllocateAddressCommand,
  AssociateAddressCommand,
  DescribeAddressesCommand,
  DescribeInstancesCommand,
  DescribeSubnetsCommand,
  RunInstancesCommand,
  type RunInstancesCommandInput,
} from "@aws-sdk/client-ec2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { admin, al2023, ec2, sleep, start } from "./helpers";

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
    expect(JSON.parse(await readFile(stateFile, "utf8"))).toMatchObject({ version: 2 });
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

  it("keeps added networks, derives the default ones again, and reads files from before networks", async () => {
    const stateFile = join(dir, "network", "state.json");
    const first = await start({ stateFile });
    const added = await admin<{ id: string }>(first, "network", {
      method: "POST",
      body: { account: "AKIAPERSISTNET000", region: "us-east-1", kind: "vpc", name: "kept", cidr: "10.9.0.0/16" },
    });
    const subnet = await admin<{ id: string }>(first, "network", {
      method: "POST",
      body: { account: "AKIAPERSISTNET000", region: "us-east-1", kind: "subnet", vpcId: added.body.id, zone: "a", cidr: "10.9.0.0/24" },
    });
    const before = (await ec2(first, { accessKeyId: "AKIAPERSISTNET000" }).send(new DescribeSubnetsCommand({}))).Subnets ?? [];
    await first.close();

    const second = await start({ stateFile });
    try {
      const after = (await ec2(second, { accessKeyId: "AKIAPERSISTNET000" }).send(new DescribeSubnetsCommand({}))).Subnets ?? [];
      expect(after.map((s) => s.SubnetId)).toEqual(before.map((s) => s.SubnetId));
      expect(after.some((s) => s.SubnetId === subnet.body.id)).toBe(true);
    } finally {
      await second.close();
    }

    // A file written before networks were modelled: zone-indexed address blocks, no
    // associatePublicIp. Its instances keep their addresses and new ones come from the subnet.
    const legacyFile = join(dir, "legacy.json");
    type Stored = {
      version: number;
      partitions: { ips: { next: Record<string, number>; free: Record<string, number[]> }; instances: Record<string, unknown>[]; network?: unknown; addresses?: unknown }[];
    };
    const legacyFirst = await start({ stateFile: legacyFile });
    const legacyClient = ec2(legacyFirst, { accessKeyId: "AKIALEGACY0000000" });
    const old = await legacyClient.send(new RunInstancesCommand({ ImageId: await al2023(legacyClient), InstanceType: "t3.micro", MinCount: 1, MaxCount: 1 }));
    await legacyFirst.close();
    const legacy = JSON.parse(await readFile(legacyFile, "utf8")) as Stored;
    legacy.version = 1;
    for (const partition of legacy.partitions) {
      partition.ips = { next: { "0": 9 }, free: { "0": [] } };
      delete partition.network;
      delete partition.addresses;
      for (const instance of partition.instances) {
        instance.privateIp = "10.0.0.9";
        delete instance.associatePublicIp;
        delete instance.elasticAllocationId;
        delete instance.behaviour;
      }
    }
    await writeFile(legacyFile, JSON.stringify(legacy));
    const restarted = await start({ stateFile: legacyFile });
    try {
      const c = ec2(restarted, { accessKeyId: "AKIALEGACY0000000" });
      const id = old.Instances?.[0]?.InstanceId ?? "";
      await sleep(200);
      const described = await c.send(new DescribeInstancesCommand({ InstanceIds: [id] }));
      const instance = described.Reservations?.[0]?.Instances?.[0];
      expect(instance?.PrivateIpAddress).toBe("10.0.0.9");
      expect(instance?.PublicIpAddress).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
      const fresh = await c.send(new RunInstancesCommand({ ImageId: await al2023(c), InstanceType: "t3.micro", MinCount: 1, MaxCount: 1 }));
      expect(fresh.Instances?.[0]?.PrivateIpAddress).toMatch(/^172\.31\./);
    } finally {
      await restarted.close();
    }
  });

  it("keeps Elastic IPs, their associations and what user data asked of an instance", async () => {
    const stateFile = join(dir, "addresses", "state.json");
    const first = await start({ stateFile });
    const client = ec2(first, { accessKeyId: "AKIAPERSISTEIP000" });
    const run = await client.send(
      new RunInstancesCommand({
        ImageId: await al2023(client),
        InstanceType: "t3.micro",
        MinCount: 1,
        MaxCount: 1,
        UserData: Buffer.from("#!/bin/sh\n# hangar-sandbox: http=500\n").toString("base64"),
      }),
    );
    const id = run.Instances?.[0]?.InstanceId ?? "";
    const eip = await client.send(new AllocateAddressCommand({ Domain: "vpc" }));
    const kept = await client.send(new AllocateAddressCommand({ Domain: "vpc" }));
    await sleep(200);
    const assoc = await client.send(new AssociateAddressCommand({ AllocationId: eip.AllocationId, InstanceId: id }));
    await first.close();

    const second = await start({ stateFile });
    try {
      const again = ec2(second, { accessKeyId: "AKIAPERSISTEIP000" });
      const addresses = (await again.send(new DescribeAddressesCommand({}))).Addresses ?? [];
      expect(addresses.map((a) => [a.AllocationId, a.PublicIp, a.AssociationId])).toEqual([
        [eip.AllocationId, eip.PublicIp, assoc.AssociationId],
        [kept.AllocationId, kept.PublicIp, undefined],
      ]);
      const described = await again.send(new DescribeInstancesCommand({ InstanceIds: [id] }));
      expect(described.Reservations?.[0]?.Instances?.[0]?.PublicIpAddress).toBe(eip.PublicIp);
      const health = await fetch(`${second.url}/_sandbox/instances/${id}/http/80/health`);
      expect(health.status).toBe(500);
    } finally {
      await second.close();
    }
  });
});
