import { DescribeRegionsCommand, RunInstancesCommand } from "@aws-sdk/client-ec2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Sandbox } from "../server";
import type { CounterRow } from "../traffic/counters";
import { admin, al2023, ec2, start } from "./helpers";

let sandbox: Sandbox;
let now = Date.now();
beforeAll(async () => {
  sandbox = await start({ clock: () => now });
});
afterAll(() => sandbox.close());

describe("admin API", () => {
  it("reports health", async () => {
    const { status, body } = await admin<{ status: string }>(sandbox, "health");
    expect(status).toBe(200);
    expect(body.status).toBe("ok");
  });

  it("counts calls per account, region and action, and resets", async () => {
    await admin(sandbox, "counters/reset", { method: "POST" });
    const client = ec2(sandbox, { accessKeyId: "AKIACOUNTED000000", region: "us-west-2" });
    await client.send(new DescribeRegionsCommand({}));
    await client.send(new DescribeRegionsCommand({}));
    const { body } = await admin<{ counters: CounterRow[] }>(sandbox, "counters?account=AKIACOUNTED000000&reset=1");
    expect(body.counters).toEqual([
      {
        account: "AKIACOUNTED000000",
        region: "us-west-2",
        action: "DescribeRegions",
        total: 2,
        ok: 2,
        dropped: 0,
        errors: {},
      },
    ]);
    expect((await admin<{ counters: CounterRow[] }>(sandbox, "counters")).body.counters).toEqual([]);
  });

  it("validates config updates with field paths and merges partial ones", async () => {
    const bad = await admin<{ error: string; issues: { path: string }[] }>(sandbox, "config", {
      method: "PUT",
      body: { timings: { pendingToRunning: { medianMs: -5 } }, faults: { errors: [{ rate: 2 }] }, bogus: 1 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe("invalid_config");
    const paths = bad.body.issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(["faults.errors.0.code", "faults.errors.0.rate"]));
    expect(paths.some((p) => p.startsWith("timings.pendingToRunning"))).toBe(true);

    const ok = await admin<{ timings: { pendingToRunning: unknown; stoppingToStopped: unknown } }>(sandbox, "config", {
      method: "PUT",
      body: { timings: { pendingToRunning: { medianMs: 400, sigma: 0.2, minMs: 100, maxMs: 1000 } } },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.timings.pendingToRunning).toEqual({ medianMs: 400, sigma: 0.2, minMs: 100, maxMs: 1000 });
    expect(ok.body.timings.stoppingToStopped).toEqual({ fixedMs: 150 });
    const preset = await admin<{ timings: { pendingToRunning: unknown } }>(sandbox, "config", {
      method: "PUT",
      body: { timings: "fast" },
    });
    expect(preset.body.timings.pendingToRunning).toEqual({ fixedMs: 300 });
  });

  it("lists instances with transition timestamps and resets state", async () => {
    await admin(sandbox, "config", { method: "PUT", body: { timings: { pendingToRunning: { fixedMs: 50 } } } });
    const client = ec2(sandbox, { accessKeyId: "AKIABENCH00000000" });
    const run = await client.send(
      new RunInstancesCommand({ ImageId: await al2023(client), MinCount: 1, MaxCount: 1, InstanceType: "t3.micro" }),
    );
    const pending = await admin<{ instances: { state: string; scheduled: { state: string }[] }[] }>(
      sandbox,
      "instances?account=AKIABENCH00000000",
    );
    expect(pending.body.instances[0]?.state).toBe("pending");
    expect(pending.body.instances[0]?.scheduled.map((s) => s.state)).toEqual(["running"]);
    now += 80;
    const { body } = await admin<{
      instances: {
        instanceId: string;
        state: string;
        launchTime: string;
        runningAt: string;
        transitions: { atMs: number }[];
      }[];
    }>(sandbox, "instances?account=AKIABENCH00000000&region=us-east-1");
    const [view] = body.instances;
    expect(view?.instanceId).toBe(run.Instances?.[0]?.InstanceId);
    expect(view?.state).toBe("running");
    expect(Date.parse(view?.runningAt ?? "") - Date.parse(view?.launchTime ?? "")).toBe(50);

    await admin(sandbox, "reset", { method: "POST" });
    expect((await admin<{ instances: unknown[] }>(sandbox, "instances")).body.instances).toEqual([]);
  });

  it("shows an account's network and adds VPCs, subnets, security groups and key pairs to it", async () => {
    const scope = { account: "AKIANETADMIN00000", region: "eu-west-1" };
    type View = { vpcs: { id: string; name: string | null }[]; subnets: unknown[]; securityGroups: { name: string; vpcId: string }[]; keyPairs: { name: string }[] };
    const before = await admin<View>(sandbox, "network?account=AKIANETADMIN00000&region=eu-west-1");
    expect(before.status).toBe(200);
    expect(before.body.vpcs.map((v) => v.name)).toEqual([null, "hangar-private"]);
    expect(before.body.subnets).toHaveLength(6);
    expect(before.body.keyPairs.map((k) => k.name)).toEqual(["hangar-demo"]);

    const post = (body: object) => admin<{ id: string; error?: string }>(sandbox, "network", { method: "POST", body: { ...scope, ...body } });
    const vpc = await post({ kind: "vpc", name: "staging", cidr: "10.50.0.0/16" });
    expect(vpc.status).toBe(201);
    expect(vpc.body.id).toMatch(/^vpc-0[0-9a-f]{16}$/);
    const subnet = await post({ kind: "subnet", vpcId: vpc.body.id, zone: "b", cidr: "10.50.1.0/24", name: "staging-b", mapPublicIpOnLaunch: true });
    expect(subnet.body).toMatchObject({ zone: "eu-west-1b", mapPublicIpOnLaunch: true, availableIpAddressCount: 251 });
    expect((await post({ kind: "securityGroup", vpcId: vpc.body.id, name: "app" })).status).toBe(201);
    expect((await post({ kind: "keyPair", name: "ci" })).status).toBe(201);

    expect((await post({ kind: "keyPair", name: "ci" })).status).toBe(409);
    expect((await post({ kind: "subnet", vpcId: vpc.body.id, zone: "c", cidr: "10.50.1.128/25" })).status).toBe(409);
    expect((await post({ kind: "subnet", vpcId: vpc.body.id, zone: "c", cidr: "10.60.0.0/24" })).status).toBe(400);
    expect((await post({ kind: "vpc", name: "x", cidr: "10.0.0.0/8" })).status).toBe(400);
    expect((await post({ kind: "router" })).status).toBe(400);
    expect((await admin(sandbox, "network", { method: "POST", body: { ...scope, region: "mars-1", kind: "keyPair", name: "k" } })).status).toBe(400);

    const after = await admin<View>(sandbox, "network?account=AKIANETADMIN00000&region=eu-west-1");
    expect(after.body.vpcs.map((v) => v.name)).toEqual([null, "hangar-private", "staging"]);
    // A new VPC comes with its own default group, as on EC2.
    expect(after.body.securityGroups.filter((g) => g.vpcId === vpc.body.id).map((g) => g.name)).toEqual(["default", "app"]);
    expect(after.body.keyPairs.map((k) => k.name)).toEqual(["hangar-demo", "ci"]);
  });

  it("answers 404 for unknown admin routes", async () => {
    expect((await admin(sandbox, "nope")).status).toBe(404);
  });
});
