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

  it("answers 404 for unknown admin routes", async () => {
    expect((await admin(sandbox, "nope")).status).toBe(404);
  });
});
