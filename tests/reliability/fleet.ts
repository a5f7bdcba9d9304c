// Shared by the reliability suite: request a mix of one- and multi-group environments, wait for
// them, and check the cloud against Postgres: every environment has exactly its instances, each
// group launched once (one ClientToken), everything tagged, nothing untagged or unrecorded.
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, expect } from "vitest";
import type { Db } from "../../lib/db/client";
import type { Caller } from "../../lib/identity/caller";
import { requestEnvironment } from "../../lib/environments/request-environment";
import { enqueueOutbox } from "../../lib/queue/outbox";
import type { QueueClient } from "../../lib/queue/queue-client";
import { mixedShape } from "../../scripts/services/environment-mix";
import type { SandboxInstance } from "../../scripts/services/sandbox-admin";
import { startStack, type Stack, type StackOptions } from "../../scripts/services/process-stack";

/** A stack of real processes for this file (its own Postgres and redis-server), closed after it. */
export function useStack(options: Omit<StackOptions, "postgres" | "redis">): () => Stack {
  let stack: Stack | undefined;
  beforeAll(async () => {
    stack = await startStack({ timings: "fast", pollMinIntervalMs: 300, ...options, postgres: "own", redis: "own" });
  }, 120_000);
  afterAll(async () => {
    await stack?.close();
  });
  return () => {
    if (!stack) throw new Error("the stack is not started yet");
    return stack;
  };
}

export type Requested = { environmentId: string; runId: string; expected: Record<string, number> };
type Driver = { db: Db; caller: Caller; queues: Pick<QueueClient, "get"> };

export async function requestMix(driver: Driver, count: number, prefix: string): Promise<Requested[]> {
  return Promise.all(
    Array.from({ length: count }, async (_, index) => {
      const shape = mixedShape(index);
      const requested = await requestEnvironment(driver.db, driver.caller, { name: `${prefix}-${index}`, template: shape.template, parameters: shape.parameters, ttl: "1h" });
      await enqueueOutbox(driver.queues.get, [requested.outbox]);
      return { environmentId: requested.environmentId, runId: requested.runId, expected: shape.expected };
    }),
  );
}

/** Waits until every environment is in `state` (failing fast on `failed`); returns how long it took. */
export async function waitForAll(db: Db, envs: Requested[], state: "ready" | "destroyed", timeoutMs: number): Promise<number> {
  const started = Date.now();
  const ids = envs.map((e) => e.environmentId);
  for (;;) {
    const rows = await db.environment.findMany({ where: { id: { in: ids } }, select: { id: true, state: true, failedStep: true, failureReason: true } });
    const failed = rows.filter((r) => r.state === "failed");
    if (failed.length > 0) throw new Error(`${failed.length} environment(s) failed, e.g. at ${failed[0]!.failedStep}: ${failed[0]!.failureReason}`);
    const done = rows.filter((r) => r.state === state).length;
    if (done === envs.length) return Date.now() - started;
    if (Date.now() - started > timeoutMs) throw new Error(`only ${done}/${envs.length} environments ${state} after ${Math.round(timeoutMs / 1000)} s`);
    await sleep(250);
  }
}

/** The cloud holds exactly what Postgres says, each group launched once, all of it tagged. */
export async function expectFleetConsistent(db: Db, cloud: SandboxInstance[], envs: Requested[]): Promise<void> {
  const untagged = cloud.filter((i) => !i.tags["hangar:env"] || i.tags["hangar:managed-by"] !== "hangar" || !i.tags["hangar:run"] || !i.tags["hangar:group"]);
  expect(untagged.map((i) => i.instanceId), "instances without Hangar's tags").toEqual([]);
  for (const env of envs) {
    const mine = cloud.filter((i) => i.tags["hangar:env"] === env.environmentId);
    for (const [group, count] of Object.entries(env.expected)) {
      const ofGroup = mine.filter((i) => i.tags["hangar:group"] === group);
      expect(ofGroup.length, `environment ${env.environmentId} group ${group}: instances`).toBe(count);
      expect(new Set(ofGroup.map((i) => i.clientToken)).size, `environment ${env.environmentId} group ${group}: launched once`).toBe(1);
    }
    expect(mine.length, `environment ${env.environmentId}: no other instances`).toBe(Object.values(env.expected).reduce((a, b) => a + b, 0));
  }
  const recorded = await db.instance.findMany({ where: { environmentId: { in: envs.map((e) => e.environmentId) } }, select: { cloudId: true } });
  const inCloud = cloud.filter((i) => envs.some((e) => e.environmentId === i.tags["hangar:env"])).map((i) => i.instanceId);
  expect(recorded.map((r) => r.cloudId).sort(), "Postgres records exactly the cloud's instances").toEqual(inCloud.sort());
  const launches = await db.cloudOperation.groupBy({
    by: ["environmentId"],
    where: { environmentId: { in: envs.map((e) => e.environmentId) }, action: "RunInstances", state: "succeeded" },
    _count: true,
  });
  for (const env of envs) {
    expect(launches.find((l) => l.environmentId === env.environmentId)?._count, `environment ${env.environmentId}: succeeded launches`).toBe(Object.keys(env.expected).length);
  }
}

/** Kills a random live worker every 1.5-4 s (or `pace` times faster) and restarts it after 0.5-2 s, until stopped. */
export function startKilling(stack: Stack, pace = 1) {
  const kills: { worker: string; leases: number }[] = [];
  let running = true;
  const done = (async () => {
    while (running) {
      await sleep((1500 + Math.random() * 2500) / pace);
      const live = stack.workers.filter((w) => w.alive);
      if (!running || live.length < 2) continue;
      const victim = live[Math.floor(Math.random() * live.length)]!;
      const leases = await stack.db.run.count({ where: { leaseOwner: { startsWith: `${victim.name}/` } } });
      await victim.kill("SIGKILL");
      kills.push({ worker: victim.name, leases });
      await sleep(500 + Math.random() * 1500);
      await victim.restart();
    }
  })();
  return {
    kills,
    async stop() {
      running = false;
      await done;
    },
  };
}
