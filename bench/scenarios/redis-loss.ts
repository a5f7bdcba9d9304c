// Redis loses all its data mid-flight (FLUSHDB; the same as a failover to an empty replica):
// how long until every unfinished run has a job in Redis again (re-driven from Postgres), and
// until every environment is ready. Environments mixed, EC2's limits on (runs parked for the
// account's budget and for their instances are lost with Redis too).
import { setTimeout as sleep } from "node:timers/promises";
import type { Stack } from "../../scripts/services/process-stack";
import { QueueName } from "../../lib/queue/queues";
import { requestMany, waitForStates } from "./drive";

export type RedisLossResult = { environments: number; flushedAfterMs: number; runsInFlight: number; redrivenMs: number; allReadyAfterFlushMs: number; failed: number };

/** `flush: false` runs the same load without the flush: what "every environment ready" costs anyway. */
export async function redisLoss(stack: Stack, count: number, flushAfterMs: number, flush = true): Promise<RedisLossResult> {
  const started = Date.now();
  const { ids, since } = await requestMany(stack, count, { prefix: `flush-${started.toString(36)}`, template: "mix" });
  await sleep(flushAfterMs);
  const runs = await stack.db.run.findMany({ where: { environmentId: { in: ids }, state: { in: ["queued", "running"] } }, select: { id: true } });
  if (flush) await stack.redis.flushdb();
  const flushedAt = Date.now();
  const queue = stack.queues.get(QueueName.runs);
  let waiting = runs.map((r) => r.id);
  let redrivenMs = Number.NaN;
  while (flush && Date.now() - flushedAt < 120_000) {
    const open = await stack.db.run.findMany({ where: { id: { in: waiting }, state: { in: ["queued", "running"] } }, select: { id: true } });
    const pipeline = stack.redis.pipeline();
    for (const run of open) pipeline.exists(queue.toKey(run.id));
    const answers = (await pipeline.exec()) ?? [];
    waiting = open.filter((_, i) => answers[i]?.[1] !== 1).map((r) => r.id);
    if (waiting.length === 0) {
      redrivenMs = Date.now() - flushedAt;
      break;
    }
    await sleep(100);
  }
  const failed = await waitForStates(stack, { since, count: ids.length }, ["ready"], { timeoutMs: 10 * 60_000, label: "after the flush", progress: true });
  return { environments: count, flushedAfterMs: flushAfterMs, runsInFlight: runs.length, redrivenMs: flush ? redrivenMs : 0, allReadyAfterFlushMs: Date.now() - flushedAt, failed: failed.length };
}
