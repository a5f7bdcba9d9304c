// How soon runs a dead worker held are resumed elsewhere, over many SIGKILLs at random points of
// provisioning (mixed one- and two-group environments), and whether any group was launched
// twice. Each round requests a batch, kills the worker holding the most run leases 0.5-1.5 s
// later (RunInstances answers in 0.8-2.5 s, as EC2 does, so runs are caught inside their steps)
// and starts it again 3 s after. A run is resumed when another worker holds it, or it moved on.
import { setTimeout as sleep } from "node:timers/promises";
import { summarize, type Summary } from "../lib/stats";
import type { Stack, WorkerProcess } from "../../scripts/services/process-stack";
import { mixedShape } from "../../scripts/services/environment-mix";
import { destroyMany, requestMany, waitForStates } from "./drive";

export type KillResumeResult = {
  kills: number;
  killsThatHitRuns: number;
  runsInterrupted: number;
  resumedMs: Summary;
  notResumedWithin60s: number;
  environments: number;
  failed: number;
  duplicateLaunches: number;
  /** Environments whose instances in the cloud are not exactly what their template asked for. */
  wrongInstanceCounts: number;
  untagged: number;
  wallMs: number;
};

async function leasesOf(stack: Stack, worker: WorkerProcess): Promise<{ id: string; updatedAt: Date }[]> {
  return stack.db.run.findMany({ where: { leaseOwner: { startsWith: `${worker.name}/` } }, select: { id: true, updatedAt: true } });
}

/** ms from the kill until each run is held by another worker or has moved on (parked, finished). */
async function measureResume(stack: Stack, victim: string, runIds: string[], killedAt: number): Promise<number[]> {
  const resumed = new Map<string, number>();
  const deadline = killedAt + 60_000;
  while (resumed.size < runIds.length && Date.now() < deadline) {
    const runs = await stack.db.run.findMany({ where: { id: { in: runIds.filter((id) => !resumed.has(id)) } }, select: { id: true, leaseOwner: true, state: true } });
    for (const run of runs) {
      const elsewhere = run.leaseOwner !== null && !run.leaseOwner.startsWith(`${victim}/`);
      if (elsewhere || run.state !== "running" || run.leaseOwner === null) resumed.set(run.id, Date.now() - killedAt);
    }
    await sleep(100);
  }
  return [...resumed.values()];
}

export async function killResume(stack: Stack, options: { kills: number; batch: number }): Promise<KillResumeResult> {
  await stack.sandbox.configure({ faults: { latency: [{ action: "RunInstances", minMs: 800, maxMs: 2500 }] } });
  const started = Date.now();
  const since = new Date(started - 5);
  const resumeTimes: number[] = [];
  let hits = 0;
  let interrupted = 0;
  let missing = 0;
  const ids: string[] = [];
  const expected = new Map<string, Record<string, number>>();
  for (let round = 0; round < options.kills; round += 1) {
    const batch = await requestMany(stack, options.batch, { prefix: `kill${round}-${started.toString(36)}`, template: "mix" });
    ids.push(...batch.ids);
    batch.ids.forEach((id, index) => expected.set(id, mixedShape(index).expected));
    await sleep(500 + Math.random() * 1000);
    const live = stack.workers.filter((w) => w.alive);
    const loads = await Promise.all(live.map(async (w) => ({ worker: w, leases: await leasesOf(stack, w) })));
    const { worker: victim, leases } = loads.sort((a, b) => b.leases.length - a.leases.length)[0]!;
    const name = victim.name;
    const killedAt = Date.now();
    await victim.kill("SIGKILL");
    const restart = sleep(3000).then(() => victim.restart());
    if (leases.length > 0) hits += 1;
    interrupted += leases.length;
    const times = await measureResume(stack, name, leases.map((l) => l.id), killedAt);
    missing += leases.length - times.length;
    resumeTimes.push(...times);
    await restart;
    console.log(`  kill ${round + 1}/${options.kills}: ${leases.length} run(s) interrupted, resumed in ${times.map((t) => `${(t / 1000).toFixed(1)} s`).join(", ") || "-"}`);
  }
  await stack.sandbox.configure({ faults: { latency: [] } });
  const failed = await waitForStates(stack, { since, count: ids.length }, ["ready"], { timeoutMs: 20 * 60_000, label: "kill rounds", progress: true });

  // Each group launched once: one ClientToken per (environment, group), the planned count each.
  const cloud = await stack.sandbox.instances();
  const tokens = new Map<string, Set<string>>();
  for (const instance of cloud) {
    const key = `${instance.tags["hangar:env"]}/${instance.tags["hangar:group"]}`;
    if (!tokens.has(key)) tokens.set(key, new Set());
    tokens.get(key)!.add(instance.clientToken ?? instance.instanceId);
  }
  const duplicateLaunches = [...tokens.values()].filter((set) => set.size > 1).length;
  const untagged = cloud.filter((i) => !i.tags["hangar:env"] || !i.tags["hangar:group"]).length;
  const wrongInstanceCounts = ids.filter((id) =>
    Object.entries(expected.get(id)!).some(([group, count]) => cloud.filter((i) => i.tags["hangar:env"] === id && i.tags["hangar:group"] === group).length !== count),
  ).length;
  const wallMs = Date.now() - started;
  await destroyMany(stack, ids);
  await waitForStates(stack, { since, count: ids.length }, ["destroyed"], { timeoutMs: 20 * 60_000, label: "destroy", progress: true });
  return {
    kills: options.kills,
    killsThatHitRuns: hits,
    runsInterrupted: interrupted,
    resumedMs: summarize(resumeTimes),
    notResumedWithin60s: missing,
    environments: ids.length,
    failed: failed.length,
    duplicateLaunches,
    wrongInstanceCounts,
    untagged,
    wallMs,
  };
}
