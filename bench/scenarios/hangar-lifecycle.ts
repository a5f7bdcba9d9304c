// (B) Hangar's engine: N environments requested together, provisioned by the worker(s), then
// destroyed together. Counts every EC2 call the sandbox saw and measures the detection delay
// (sandbox "running" -> Hangar "ready") per environment.
import { summarize, type Summary } from "../lib/stats";
import { totals, type CallTotals } from "../../scripts/services/sandbox-admin";
import type { Stack } from "../../scripts/services/process-stack";
import { destroyMany, requestMany, waitForStates } from "./drive";

export type LifecycleResult = {
  environments: number;
  failed: number;
  calls: CallTotals;
  callsPerEnvironment: number;
  detectionDelayMs: Summary;
  /** Where the detection delay goes: cloud running -> poller saw it -> waiting step resumed -> ready. */
  detectionBreakdownMs?: { seenByPoller: Summary; stepResumed: Summary; ready: Summary };
  requestToReadyMs: Summary;
  provisionWallMs: number;
  destroyWallMs: number;
};

export async function hangarLifecycle(stack: Stack, count: number, label: string, template = "web-dev"): Promise<LifecycleResult> {
  await stack.sandbox.resetCounters();
  const started = Date.now();
  const { ids, requestedAt, since } = await requestMany(stack, count, { prefix: `${label}-${started.toString(36)}`, template });
  const failedProvision = await waitForStates(stack, { since, count: ids.length }, ["ready"], { timeoutMs: 30 * 60_000, label: `${label} provision`, progress: true });
  const provisionWallMs = Date.now() - started;

  const envs = await stack.db.environment.findMany({
    where: { id: { in: ids } },
    select: {
      id: true,
      readyAt: true,
      instances: { select: { cloudId: true, stateChangedAt: true } },
      runs: { select: { steps: { where: { name: "wait_for_running" }, select: { finishedAt: true } } } },
    },
  });
  const runningAt = new Map((await stack.sandbox.instances()).map((i) => [i.instanceId, i.runningAt ? Date.parse(i.runningAt) : null]));
  const detection: number[] = [];
  const seen: number[] = [];
  const resumed: number[] = [];
  const readied: number[] = [];
  const requestToReady: number[] = [];
  for (const env of envs) {
    if (!env.readyAt) continue;
    const times = env.instances.map((i) => runningAt.get(i.cloudId)).filter((t): t is number => typeof t === "number");
    if (times.length === env.instances.length && times.length > 0) {
      const cloudRunning = Math.max(...times);
      const pollerSaw = Math.max(...env.instances.map((i) => i.stateChangedAt.getTime()));
      const stepDone = env.runs[0]?.steps[0]?.finishedAt?.getTime() ?? pollerSaw;
      detection.push(env.readyAt.getTime() - cloudRunning);
      seen.push(pollerSaw - cloudRunning);
      resumed.push(stepDone - pollerSaw);
      readied.push(env.readyAt.getTime() - stepDone);
    }
    requestToReady.push(env.readyAt.getTime() - requestedAt[ids.indexOf(env.id)]!);
  }

  const destroyStarted = Date.now();
  await destroyMany(stack, ids);
  const failedDestroy = await waitForStates(stack, { since, count: ids.length }, ["destroyed"], { timeoutMs: 30 * 60_000, label: `${label} destroy`, progress: true });
  const destroyWallMs = Date.now() - destroyStarted;

  const calls = totals(await stack.sandbox.counters());
  return {
    environments: count,
    failed: new Set([...failedProvision, ...failedDestroy]).size,
    calls,
    callsPerEnvironment: calls.total / count,
    detectionDelayMs: summarize(detection),
    detectionBreakdownMs: { seenByPoller: summarize(seen), stepResumed: summarize(resumed), ready: summarize(readied) },
    requestToReadyMs: summarize(requestToReady),
    provisionWallMs,
    destroyWallMs,
  };
}
