// Reads what a round of deployments did, from Postgres and the sandbox: every batch's figures
// (bench/lib/deploy-figures.ts batchFigures), how the deployments ended and how long they took,
// and whether any user could have seen a throttling error.
import type { SandboxInstance } from "../../scripts/services/sandbox-admin";
import type { Stack } from "../../scripts/services/process-stack";
import { summarize, type Summary } from "../lib/stats";
import { batchFigures, batchIndexOf, loggedBatchIndex, mentionsThrottling, strategyLabel, type BatchFigures } from "../lib/deploy-figures";
import type { Strategy } from "../../lib/services/schemas";

export type MeasuredBatch = BatchFigures & { deploymentId: string; strategy: string; batch: number; of: number; instances: number };

type GateEntry = { instanceId: string; batch: number; state?: string; http?: { ms?: number } | null };

/**
 * Every batch of the succeeded deployments. `instances` is the sandbox's view taken right after
 * the round: the batch's instances still run then (a later round retires them, and the sandbox
 * shows status-check times only for running instances). Batches it cannot time are counted.
 */
export async function measureBatches(stack: Stack, deploymentIds: string[], instances: SandboxInstance[]): Promise<{ batches: MeasuredBatch[]; untimed: number }> {
  const byId = new Map(instances.map((i) => [i.instanceId, i]));
  const deployments = await stack.db.deployment.findMany({
    where: { id: { in: deploymentIds }, state: "succeeded", runId: { not: null } },
    select: { id: true, runId: true, strategy: true, gateResults: true },
  });
  const runIds = deployments.map((d) => d.runId!);
  const ops = await stack.db.cloudOperation.findMany({ where: { runId: { in: runIds }, action: "RunInstances" }, select: { runId: true, createdAt: true, state: true, request: true, response: true } });
  const logs = await stack.db.runLog.findMany({
    where: { runId: { in: runIds }, OR: [{ message: { startsWith: "Traffic moved to batch " } }, { message: { startsWith: "Health gate passed for batch " } }] },
    select: { runId: true, message: true, at: true },
  });
  const batches: MeasuredBatch[] = [];
  let untimed = 0;
  for (const d of deployments) {
    const mine = ops.filter((o) => o.runId === d.runId);
    const indexes = [...new Set(mine.map((o) => batchIndexOf((o.request as { batch?: string }).batch)).filter((b): b is number => b !== undefined))].sort((a, b) => a - b);
    const gate = d.gateResults as GateEntry[];
    for (const index of indexes) {
      const ofBatch = mine.filter((o) => batchIndexOf((o.request as { batch?: string }).batch) === index);
      const launched = ofBatch.find((o) => o.state === "succeeded");
      const ids = (launched?.response as { instanceIds?: string[] } | null)?.instanceIds ?? [];
      const at = (prefix: "Traffic moved to batch" | "Health gate passed for batch") =>
        logs.find((l) => l.runId === d.runId && loggedBatchIndex(l.message, prefix) === index)?.at.getTime();
      const gatePassedAt = at("Health gate passed for batch");
      const trafficMovedAt = at("Traffic moved to batch");
      const seen = ids.map((id) => byId.get(id));
      if (ids.length === 0 || gatePassedAt === undefined || trafficMovedAt === undefined || seen.some((i) => !i?.runningAt || !statusOkOf(i))) {
        untimed += 1;
        continue;
      }
      const figures = batchFigures({
        sentAt: Math.min(...ofBatch.map((o) => o.createdAt.getTime())),
        instances: seen.map((i) => ({ launchAt: Date.parse(i!.launchTime), runningAt: Date.parse(i!.runningAt!), statusOkAt: statusOkOf(i)! })),
        httpMs: gate.filter((g) => g.batch === index && ids.includes(g.instanceId) && g.state === "passed" && typeof g.http?.ms === "number").map((g) => g.http!.ms!),
        gatePassedAt,
        trafficMovedAt,
      });
      batches.push({ ...figures, deploymentId: d.id, strategy: strategyLabel(d.strategy as Strategy), batch: index, of: indexes.length, instances: ids.length });
    }
  }
  return { batches, untimed };
}

function statusOkOf(instance: SandboxInstance | undefined): number | undefined {
  // The sandbox's view has it (sandbox/http/instance-view.ts); SandboxAdmin's type does not list it.
  const at = (instance as unknown as { statusOkAt?: string | null } | undefined)?.statusOkAt;
  return at ? Date.parse(at) : undefined;
}

export type BatchSummary = {
  batches: number;
  overheadMs: Summary;
  hangarMs: Summary;
  cloudMs: Summary;
  parts: { sendMs: Summary; gateMs: Summary; moveMs: Summary };
  cloud: { pendingMs: Summary; initializingMs: Summary; httpMs: Summary };
  byStrategy: Record<string, { batches: number; overheadMs: Summary }>;
  withinGoal: number;
};

export function summarizeBatches(batches: MeasuredBatch[], goalMs = 1000): BatchSummary {
  const pick = (f: (b: MeasuredBatch) => number) => summarize(batches.map(f));
  const byStrategy: BatchSummary["byStrategy"] = {};
  for (const name of [...new Set(batches.map((b) => b.strategy))].sort()) {
    const of = batches.filter((b) => b.strategy === name);
    byStrategy[name] = { batches: of.length, overheadMs: summarize(of.map((b) => b.overheadMs)) };
  }
  return {
    batches: batches.length,
    overheadMs: pick((b) => b.overheadMs),
    hangarMs: pick((b) => b.hangarMs),
    cloudMs: pick((b) => b.cloudMs),
    parts: { sendMs: pick((b) => b.parts.sendMs), gateMs: pick((b) => b.parts.gateMs), moveMs: pick((b) => b.parts.moveMs) },
    cloud: { pendingMs: pick((b) => b.cloud.pendingMs), initializingMs: pick((b) => b.cloud.initializingMs), httpMs: pick((b) => b.cloud.httpMs) },
    byStrategy,
    withinGoal: batches.filter((b) => b.overheadMs <= goalMs).length,
  };
}

export type Outcomes = {
  deployments: number;
  byState: Record<string, number>;
  /** Request -> finished, and the run's start -> finished. */
  durationMs: Summary;
  runMs: Summary;
  /** Failed or rolled back, with their reasons. */
  unsuccessful: { id: string; state: string; reason: string | null }[];
  /** What a user would see as a throttling error: a deployment's reason, an error log line, a step error. */
  userVisibleThrottling: { deployments: number; errorLogLines: number; stepErrors: number; examples: string[] };
  /** Warn lines mentioning throttling (retries a user may read in the run log but that did not fail anything). */
  throttlingWarnLines: number;
};

export async function outcomesOf(stack: Stack, deploymentIds: string[]): Promise<Outcomes> {
  const rows = await stack.db.deployment.findMany({ where: { id: { in: deploymentIds } }, select: { id: true, state: true, reason: true, runId: true, createdAt: true, startedAt: true, finishedAt: true } });
  const runIds = rows.map((r) => r.runId).filter((id): id is string => id !== null);
  const byState: Record<string, number> = {};
  for (const r of rows) byState[r.state] = (byState[r.state] ?? 0) + 1;
  const logs = await stack.db.runLog.findMany({ where: { runId: { in: runIds }, level: { in: ["error", "warn"] } }, select: { level: true, message: true } });
  const steps = await stack.db.runStep.findMany({ where: { runId: { in: runIds }, error: { not: null } }, select: { error: true } });
  const throttledReasons = rows.filter((r) => ["failed", "rolled_back"].includes(r.state) && mentionsThrottling(r.reason));
  const errorLines = logs.filter((l) => l.level === "error" && mentionsThrottling(l.message));
  const stepErrors = steps.filter((s) => mentionsThrottling(s.error));
  const finished = rows.filter((r) => r.finishedAt);
  return {
    deployments: rows.length,
    byState,
    durationMs: summarize(finished.map((r) => r.finishedAt!.getTime() - r.createdAt.getTime())),
    runMs: summarize(finished.filter((r) => r.startedAt).map((r) => r.finishedAt!.getTime() - r.startedAt!.getTime())),
    unsuccessful: rows.filter((r) => r.state !== "succeeded").map((r) => ({ id: r.id, state: r.state, reason: r.reason })),
    userVisibleThrottling: {
      deployments: throttledReasons.length,
      errorLogLines: errorLines.length,
      stepErrors: stepErrors.length,
      examples: [...throttledReasons.map((r) => r.reason!), ...errorLines.map((l) => l.message), ...stepErrors.map((s) => s.error!)].slice(0, 5),
    },
    throttlingWarnLines: logs.filter((l) => l.level === "warn" && mentionsThrottling(l.message)).length,
  };
}
