// A worker cut off from Redis but not from Postgres (a partition) keeps its runs only as long as
// it holds their leases in Postgres; the worker that gets the jobs once the old locks expire
// waits for those leases, so no step of a run ever executes in two places at once. Both workers
// run in this process (their Redis traffic through a proxy the test can cut) and report every
// step they run.
import { setTimeout as sleep } from "node:timers/promises";
import { inject } from "vitest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requestEnvironment } from "../../lib/environments/request-environment";
import { createLogger } from "../../lib/log/logger";
import type { RunObserver } from "../../lib/runs/execute-run";
import { startWorkerRuntime, type WorkerRuntime } from "../../workers/worker-runtime";
import { createWorld, eventually, type World } from "../helpers/world";
import { startTcpProxy, type TcpProxy } from "./tcp-proxy";

type Execution = { worker: string; runId: string; step: string; startedAt: number; endedAt: number | null };

let world: World;
let proxy: TcpProxy;
const executions: Execution[] = [];
const runtimes: WorkerRuntime[] = [];

function observer(worker: string): RunObserver {
  return {
    stepStarted({ runId, step }) {
      executions.push({ worker, runId, step, startedAt: Date.now(), endedAt: null });
    },
    stepEnded({ runId, step }) {
      const open = executions.findLast((e) => e.worker === worker && e.runId === runId && e.step === step && e.endedAt === null);
      if (open) open.endedAt = Date.now();
    },
  };
}

async function startWorker(name: string, redisUrl: string): Promise<WorkerRuntime> {
  const runtime = await startWorkerRuntime({
    db: world.db,
    redisUrl,
    prefix: world.prefix,
    encryptionKey: world.encryptionKey,
    logger: createLogger(`worker-${name}`, "silent"),
    concurrency: 10,
    pollMinIntervalMs: 100,
    pollMaxIntervalMs: 500,
    runWaitTimeoutMs: 60_000,
    runObserver: observer(name),
  });
  runtimes.push(runtime);
  return runtime;
}

beforeAll(async () => {
  world = await createWorld({ worker: false });
  const redis = new URL(inject("redisUrl"));
  proxy = await startTcpProxy({ host: redis.hostname, port: Number(redis.port) });
}, 60_000);
afterAll(async () => {
  proxy?.heal();
  // The cut-off worker's Redis calls were left hanging; closing it may take a moment.
  await Promise.all(runtimes.map((r) => Promise.race([r.close(), sleep(10_000)])));
  await proxy?.close();
  await world?.close();
});

describe("a worker cut off from Redis but not from Postgres", () => {
  it("never runs a step of a run another worker runs, and every run completes", async () => {
    // Launches answer after 9 s: the first worker is inside its runs when it is cut off, and
    // still inside them when its job locks expire (5 s) and the other worker gets the jobs.
    world.sandbox.config.apply({ faults: { latency: [{ action: "RunInstances", fixedMs: 9000 }] } });
    await startWorker("a", proxy.url("redis"));
    const envs = await Promise.all(
      Array.from({ length: 6 }, async (_, i) => {
        const requested = await requestEnvironment(world.db, world.developer, { name: `partition-${i}`, template: "web-dev", parameters: {} });
        await world.relay(requested.outbox);
        return requested;
      }),
    );
    await eventually(async () => ((await world.db.run.count({ where: { id: { in: envs.map((e) => e.runId) }, leaseOwner: { not: null } } })) === envs.length ? true : undefined), {
      what: "the first worker to hold every run",
    });
    proxy.cut();
    await startWorker("b", inject("redisUrl"));

    await eventually(
      async () => {
        const rows = await world.db.environment.findMany({ where: { id: { in: envs.map((e) => e.environmentId) } } });
        return rows.every((r) => r.state === "ready") ? rows : undefined;
      },
      { timeoutMs: 90_000, what: "every environment to be ready" },
    );

    // Every run was taken over by the second worker at some point (the first could not park or finish in Redis)...
    for (const env of envs) {
      const mine = executions.filter((e) => e.runId === env.runId);
      expect(mine.some((e) => e.worker === "b"), `run ${env.runId} resumed by the other worker`).toBe(true);
      // ...and no step of it ever ran in both places at once, nor on the first worker after the takeover.
      const takeover = Math.min(...mine.filter((e) => e.worker === "b").map((e) => e.startedAt));
      for (const a of mine.filter((e) => e.worker === "a")) {
        expect(a.startedAt, `worker a started ${a.step} after worker b took run ${env.runId}`).toBeLessThan(takeover);
        expect(a.endedAt ?? Infinity, `worker a was still in ${a.step} when worker b took run ${env.runId}`).toBeLessThanOrEqual(takeover);
      }
      expect(await world.db.cloudOperation.count({ where: { runId: env.runId, action: "RunInstances" } })).toBe(1);
      expect(await world.db.instance.count({ where: { environmentId: env.environmentId } })).toBe(1);
    }
  }, 150_000);
});
