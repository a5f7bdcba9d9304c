// overhead: Hangar's own time per deploy batch beyond the cloud's waits. N mixed environments,
// each with its service, get `rounds` deployments each (all environments at once per round);
// every batch of every succeeded deployment is timed against the sandbox's own timestamps.
import type { Stack } from "../../scripts/services/process-stack";
import { deployRound, prepareTargets } from "./deploy-setup";
import { measureBatches, outcomesOf, summarizeBatches, type BatchSummary, type MeasuredBatch, type Outcomes } from "./deploy-batches";

export type OverheadResult = {
  environments: number;
  rounds: { round: number; deployments: number; wallMs: number; strategies: Record<string, number> }[];
  outcomes: Outcomes;
  summary: BatchSummary;
  untimedBatches: number;
  batches: MeasuredBatch[];
};

export async function deployOverhead(stack: Stack, options: { environments: number; rounds: number; eipAddresses: number }): Promise<OverheadResult> {
  const label = `ovh-${Date.now().toString(36)}`;
  const targets = await prepareTargets(stack, options.environments, { label, eipAddresses: options.eipAddresses });
  const rounds: OverheadResult["rounds"] = [];
  const batches: MeasuredBatch[] = [];
  const ids: string[] = [];
  let untimed = 0;
  for (let round = 1; round <= options.rounds; round += 1) {
    const r = await deployRound(stack, targets, round, { timeoutMs: 15 * 60_000, label: `overhead round ${round}` });
    // Right away: the next round retires these instances, and the sandbox times only running ones.
    const measured = await measureBatches(stack, r.deploymentIds, await stack.sandbox.instances());
    batches.push(...measured.batches);
    untimed += measured.untimed;
    ids.push(...r.deploymentIds);
    rounds.push({ round, deployments: r.deploymentIds.length, wallMs: r.wallMs, strategies: r.strategies });
  }
  return { environments: options.environments, rounds, outcomes: await outcomesOf(stack, ids), summary: summarizeBatches(batches), untimedBatches: untimed, batches };
}
