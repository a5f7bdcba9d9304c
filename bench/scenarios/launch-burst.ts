// With EC2's limits on: a burst of N environments requested at once. EC2 refills RunInstances
// at 2/s (120 launches/min): how close does Hangar get to that ceiling, does any user see a
// throttling error, and how many calls had to be retried?
import { totals, type CallTotals } from "../../scripts/services/sandbox-admin";
import type { Stack } from "../../scripts/services/process-stack";
import { requestMany, waitForStates } from "./drive";

export type BurstResult = {
  environments: number;
  launches: number;
  failed: number;
  launchesPerMinute: number;
  ceilingPerMinute: number;
  ceilingShare: number;
  throttledAtSandbox: number;
  userVisibleThrottling: number;
  calls: CallTotals;
  retriedShare: number;
  wallMs: number;
};

export async function launchBurst(stack: Stack, count: number, template = "web-dev"): Promise<BurstResult> {
  await stack.sandbox.resetCounters();
  const started = Date.now();
  const { ids, since } = await requestMany(stack, count, { prefix: `burst-${started.toString(36)}`, parallel: 50, template });
  const failed = await waitForStates(stack, { since, count: ids.length }, ["ready"], { timeoutMs: 60 * 60_000, label: "burst", progress: true });
  const wallMs = Date.now() - started;

  // One RunInstances per client token (a group of 2 replicas is one launch).
  const launches = new Map((await stack.sandbox.instances()).map((i) => [i.clientToken ?? i.instanceId, Date.parse(i.launchTime)]));
  const launchTimes = [...launches.values()].sort((a, b) => a - b);
  const spanMs = launchTimes[launchTimes.length - 1]! - launchTimes[0]!;
  const launchesPerMinute = ((launchTimes.length - 1) / spanMs) * 60_000;
  const calls = totals(await stack.sandbox.counters());
  // What users see: failed environments or step errors that mention throttling.
  const userVisibleThrottling = await stack.db.runStep.count({ where: { run: { environmentId: { in: ids } }, error: { contains: "RequestLimitExceeded" } } });
  return {
    environments: count,
    launches: launchTimes.length,
    failed: failed.length,
    launchesPerMinute,
    ceilingPerMinute: 120,
    ceilingShare: launchesPerMinute / 120,
    throttledAtSandbox: calls.throttled,
    userVisibleThrottling,
    calls,
    retriedShare: calls.failed / calls.total,
    wallMs,
  };
}
