// With limits off: how many environments per minute this machine takes from request to ready.
// Requests arrive at a fixed offered rate (or as fast as the driver can send them); throughput is
// measured over the middle 80% of completions, so start-up and the pending tail don't count, and
// the lag (request -> ready) shows whether the system kept up with the offered load.
import { percentile, summarize, type Summary } from "../lib/stats";
import { totals, type CallTotals } from "../../scripts/services/sandbox-admin";
import type { Stack } from "../../scripts/services/process-stack";
import { requestMany, waitForStates } from "./drive";

export type ThroughputResult = {
  environments: number;
  failed: number;
  readyPerMinuteOverall: number;
  readyPerMinuteSteady: number;
  requestsPerMinute: number;
  offeredPerMinute: number | null;
  requestToReadyMs: Summary;
  wallMs: number;
  calls: CallTotals;
};

export async function throughput(stack: Stack, count: number, perMinute?: number, template = "web-dev"): Promise<ThroughputResult> {
  await stack.sandbox.resetCounters();
  const started = Date.now();
  const { ids, requestedAt, since } = await requestMany(stack, count, { prefix: `tp-${started.toString(36)}`, parallel: 40, template, ...(perMinute ? { perMinute } : {}) });
  const requestsDoneAt = Math.max(...requestedAt);
  const failed = await waitForStates(stack, { since, count: ids.length }, ["ready"], { timeoutMs: 30 * 60_000, label: "throughput", progress: true });
  const wallMs = Date.now() - started;
  const rows = await stack.db.environment.findMany({ where: { createdAt: { gte: since }, readyAt: { not: null } }, select: { id: true, readyAt: true } });
  const readyTimes = rows.map((e) => e.readyAt!.getTime()).sort((a, b) => a - b);
  const requestedById = new Map(ids.map((id, i) => [id, requestedAt[i]!]));
  const lag = rows.map((e) => e.readyAt!.getTime() - (requestedById.get(e.id) ?? e.readyAt!.getTime()));
  const p10 = percentile(readyTimes, 10);
  const p90 = percentile(readyTimes, 90);
  const steadyCount = readyTimes.filter((t) => t >= p10 && t <= p90).length;
  return {
    environments: count,
    failed: failed.length,
    readyPerMinuteOverall: (readyTimes.length / (readyTimes[readyTimes.length - 1]! - started)) * 60_000,
    readyPerMinuteSteady: (steadyCount / (p90 - p10)) * 60_000,
    requestsPerMinute: (count / (requestsDoneAt - started)) * 60_000,
    offeredPerMinute: perMinute ?? null,
    requestToReadyMs: summarize(lag),
    wallMs,
    calls: totals(await stack.sandbox.counters()),
  };
}
