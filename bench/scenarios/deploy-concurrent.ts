// concurrent: 100 deploys at once across 100 mixed environments with the sandbox enforcing EC2's
// request limits. Counts what EC2 (the sandbox) answered, per action and throttled, and whether
// any user could have seen a throttling error (a deployment failed or rolled back because of it,
// an error line in a run log, a step error).
import { totals, type CallTotals } from "../../scripts/services/sandbox-admin";
import type { Stack } from "../../scripts/services/process-stack";
import { deployRound, prepareTargets } from "./deploy-setup";
import { measureBatches, outcomesOf, summarizeBatches, type BatchSummary, type Outcomes } from "./deploy-batches";

export type ConcurrentRound = {
  round: number;
  deployments: number;
  strategies: Record<string, number>;
  requestWallMs: number;
  wallMs: number;
  calls: CallTotals;
  outcomes: Outcomes;
  /** The same per-batch figures as the overhead scenario, under this load. */
  batches: BatchSummary;
  untimedBatches: number;
};

export type ConcurrentResult = { environments: number; elasticIpServices: number; elasticIpAddresses: number; provisionWallMs: number; rounds: ConcurrentRound[] };

export async function deployConcurrent(stack: Stack, options: { environments: number; rounds: number; eipAddresses: number }): Promise<ConcurrentResult> {
  const label = `conc-${Date.now().toString(36)}`;
  const started = Date.now();
  const targets = await prepareTargets(stack, options.environments, { label, eipAddresses: options.eipAddresses });
  const provisionWallMs = Date.now() - started;
  const withAddresses = targets.filter((t) => t.stableAddresses);
  const rounds: ConcurrentRound[] = [];
  for (let round = 1; round <= options.rounds; round += 1) {
    await stack.sandbox.resetCounters();
    const r = await deployRound(stack, targets, round, { timeoutMs: 30 * 60_000, label: `concurrent round ${round}` });
    const calls = totals(await stack.sandbox.counters());
    const measured = await measureBatches(stack, r.deploymentIds, await stack.sandbox.instances());
    rounds.push({
      round,
      deployments: r.deploymentIds.length,
      strategies: r.strategies,
      requestWallMs: r.requestWallMs,
      wallMs: r.wallMs,
      calls,
      outcomes: await outcomesOf(stack, r.deploymentIds),
      batches: summarizeBatches(measured.batches),
      untimedBatches: measured.untimed,
    });
  }
  return {
    environments: options.environments,
    elasticIpServices: withAddresses.length,
    elasticIpAddresses: withAddresses.reduce((sum, t) => sum + t.replicas, 0),
    provisionWallMs,
    rounds,
  };
}
