// How a strategy splits a group of `desired` instances into the batches a deploy launches,
// health-gates and moves traffic to, one after the other; and the checks that it can.
import { invalidField } from "../errors";
import type { Strategy } from "../services/schemas";

export type Batch = { index: number; size: number; /** Canary: wait this long (healthy) before the rest. */ bakeSeconds?: number };

/** The canary's size: `count`, or `percent` of the group rounded up. */
export function canarySize(strategy: Extract<Strategy, { type: "canary" }>, desired: number): number {
  return strategy.count ?? Math.ceil((desired * (strategy.percent ?? 0)) / 100);
}

/** Refuses settings the group cannot honour (400 at the setting's path). */
export function checkStrategyFits(strategy: Strategy, desired: number): void {
  if (strategy.type === "rolling") {
    if (strategy.batchSize > desired) throw invalidField("strategy.batchSize", `must be at most ${desired}, the number of instances in the group`);
    if (strategy.maxUnavailable >= desired) throw invalidField("strategy.maxUnavailable", `must be less than ${desired}, the number of instances in the group`);
  }
  if (strategy.type === "canary") {
    if (desired < 2) throw invalidField("strategy.type", "a canary needs a group of at least 2 instances; use rolling or blue-green for a single instance");
    const size = canarySize(strategy, desired);
    if (size >= desired) throw invalidField(strategy.count !== undefined ? "strategy.count" : "strategy.percent", `the canary must be smaller than the group (${desired} instances)`);
  }
}

export function batchesOf(strategy: Strategy, desired: number): Batch[] {
  if (strategy.type === "blue-green") return [{ index: 0, size: desired }];
  if (strategy.type === "canary") {
    const first = canarySize(strategy, desired);
    return [
      { index: 0, size: first, bakeSeconds: strategy.bakeSeconds },
      { index: 1, size: desired - first },
    ];
  }
  const batches: Batch[] = [];
  for (let done = 0; done < desired; done += strategy.batchSize) batches.push({ index: batches.length, size: Math.min(strategy.batchSize, desired - done) });
  return batches;
}
