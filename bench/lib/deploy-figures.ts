// Pure parts of the deploy benchmark (bench/deploys.bench.ts): which shape, strategy and
// addresses deployment i gets, and how one batch's time splits into the cloud's part and Hangar's.
import type { Strategy } from "../../lib/services/schemas";

export type DeployShape = {
  /** "web": a one-group template (web); "stack": a two-group template (web + db). */
  template: "web" | "stack";
  /** Instances in the web group, the service's group: 1-3. */
  replicas: number;
  strategy: Strategy;
};

/** Canary bake and blue-green grace kept short: the benchmark measures batches, not waiting. */
export const BENCH_BAKE_SECONDS = 5;

const STRATEGIES: Strategy[] = [
  { type: "rolling", batchSize: 1, maxUnavailable: 0 },
  { type: "rolling", batchSize: 2, maxUnavailable: 0 },
  { type: "blue-green", graceMinutes: 0 },
  { type: "canary", count: 1, bakeSeconds: BENCH_BAKE_SECONDS },
];

/**
 * Environment i: one- and two-group templates alternate; the web group runs 1, 2 or 3 instances;
 * strategies cycle rolling(1), rolling(2), blue-green, canary, and a strategy the group cannot
 * take (rolling by 2 or a canary on one instance) becomes blue-green, so every shape gets mixed
 * strategies and nothing is refused. `round` shifts the strategy so a second deploy differs.
 */
export function deployShape(index: number, round = 0): DeployShape {
  const template = index % 2 === 0 ? "web" : "stack";
  const replicas = 1 + (Math.floor(index / 2) % 3);
  let strategy = STRATEGIES[(index + round) % STRATEGIES.length]!;
  if (replicas < 2 && (strategy.type === "canary" || (strategy.type === "rolling" && strategy.batchSize > 1))) strategy = STRATEGIES[2]!;
  return { template, replicas, strategy };
}

export function strategyLabel(strategy: Strategy): string {
  if (strategy.type === "rolling") return `rolling(${strategy.batchSize})`;
  if (strategy.type === "canary") return "canary";
  return "blue-green";
}

/**
 * Which environments' services use stable addresses (Elastic IPs): every `every`-th one starting
 * at `offset`, while the addresses they need (one per web instance) stay within `budget` (EC2's
 * default is 5 Elastic IPs per account and region).
 */
export function elasticIpServices(replicas: number[], budget: number, every = 7, offset = 3): Set<number> {
  const chosen = new Set<number>();
  let used = 0;
  for (let i = offset; i < replicas.length; i += every) {
    if (used + replicas[i]! > budget) continue;
    used += replicas[i]!;
    chosen.add(i);
  }
  return chosen;
}

/** "r0b2" (retry round 0, batch index 2) -> 2; undefined when it names no batch. */
export function batchIndexOf(batch: string | undefined): number | undefined {
  const match = /b(\d+)$/.exec(batch ?? "");
  return match ? Number(match[1]) : undefined;
}

/** "Traffic moved to batch 3: …" -> 2 (the log counts from 1, batches from 0). */
export function loggedBatchIndex(message: string, prefix: "Traffic moved to batch" | "Health gate passed for batch"): number | undefined {
  const match = new RegExp(`^${prefix} (\\d+)\\b`).exec(message);
  return match ? Number(match[1]) - 1 : undefined;
}

export type BatchTimes = {
  /** The batch's RunInstances recorded and sent (CloudOperation.createdAt). */
  sentAt: number;
  /** Per instance, from the sandbox: launched (RunInstances received), running, status checks ok. */
  instances: { launchAt: number; runningAt: number; statusOkAt: number }[];
  /** The HTTP check's answer time for each instance's passing check (ms), when the service has one. */
  httpMs: number[];
  /** "Health gate passed for batch N" logged. */
  gatePassedAt: number;
  /** "Traffic moved to batch N" logged, right after its commit. */
  trafficMovedAt: number;
};

export type BatchFigures = {
  /** RunInstances sent -> traffic moved. */
  hangarMs: number;
  /** The slowest instance's launch -> running -> status ok, plus the slowest HTTP answer. */
  cloudMs: number;
  overheadMs: number;
  /** Where the overhead goes: sent -> the sandbox received it; status ok -> gate passed, less the HTTP answer; gate passed -> traffic moved. */
  parts: { sendMs: number; gateMs: number; moveMs: number };
  /** Of cloudMs: launch -> running and running -> status ok of the slowest instance. */
  cloud: { pendingMs: number; initializingMs: number; httpMs: number };
};

/**
 * One batch's figures. The cloud's part is what the sandbox itself took: from receiving the
 * RunInstances to the last instance's status checks turning ok (its own timestamps), plus the
 * slowest HTTP check answer. Everything else between sending the launch and committing the
 * traffic move is Hangar's: the launch's ledger write and call, noticing running and status ok
 * (the gate's polling), the HTTP round trip's scheduling, the address moves and the commit.
 */
export function batchFigures(times: BatchTimes): BatchFigures {
  if (times.instances.length === 0) throw new Error("a batch has at least one instance");
  const launchAt = Math.min(...times.instances.map((i) => i.launchAt));
  const slowest = times.instances.reduce((a, b) => (b.statusOkAt - b.launchAt > a.statusOkAt - a.launchAt ? b : a));
  const statusOkAt = Math.max(...times.instances.map((i) => i.statusOkAt));
  const httpMs = times.httpMs.length > 0 ? Math.max(...times.httpMs) : 0;
  const cloudMs = statusOkAt - launchAt + httpMs;
  const hangarMs = times.trafficMovedAt - times.sentAt;
  return {
    hangarMs,
    cloudMs,
    overheadMs: hangarMs - cloudMs,
    parts: { sendMs: launchAt - times.sentAt, gateMs: times.gatePassedAt - statusOkAt - httpMs, moveMs: times.trafficMovedAt - times.gatePassedAt },
    cloud: { pendingMs: slowest.runningAt - slowest.launchAt, initializingMs: slowest.statusOkAt - slowest.runningAt, httpMs },
  };
}

/** Text a user would read as a throttling error. */
export function mentionsThrottling(text: string | null | undefined): boolean {
  return /RequestLimitExceeded|throttl|rate exceeded|too many requests/i.test(text ?? "");
}
