// Postgres is the truth about runs, Redis only carries their jobs. A run Postgres says is queued
// or running must have a live job; when it has none (Redis lost its data, a job was removed by
// hand) it is enqueued again (job id = run id; finished steps are memoised, so it resumes where
// it stopped). A finished job of a run that is not finished (it was retried) is replaced. When
// its job failed for good after the run last changed, and the failure could not be recorded
// (Postgres was down then, or the worker died in between), the run is failed now, which releases
// the environment for the next run.
import type { Redis } from "ioredis";
import type { Db } from "../db/client";
import type { QueueClient } from "../queue/queue-client";
import { addJob, runJob } from "../queue/outbox";
import { QueueName } from "../queue/queues";
import { failAbandonedRun } from "./fail-run";
import type { RunNotifier } from "./run-events";

export type ReconcileResult = { checked: number; requeued: string[]; failed: string[] };

export async function reconcileRuns(
  db: Db,
  queues: Pick<QueueClient, "get" | "connection">,
  notifier: RunNotifier,
  options: { quietForMs: number; limit?: number; now?: Date },
): Promise<ReconcileResult> {
  const now = options.now ?? new Date();
  // Runs quiet for a while: a fresh one may still be on its way through the outbox.
  const runs = await db.run.findMany({
    where: { state: { in: ["queued", "running"] }, updatedAt: { lt: new Date(now.getTime() - options.quietForMs) } },
    select: { id: true, updatedAt: true },
    orderBy: { updatedAt: "asc" },
    take: options.limit ?? 10_000,
  });
  const result: ReconcileResult = { checked: runs.length, requeued: [], failed: [] };
  if (runs.length === 0) return result;

  // One round trip for every candidate: does its job exist, is it finished, and when.
  const queue = queues.get(QueueName.runs);
  const pipeline = queues.connection.pipeline();
  for (const run of runs) {
    pipeline.exists(queue.toKey(run.id));
    pipeline.zscore(queue.toKey("failed"), run.id);
    pipeline.zscore(queue.toKey("completed"), run.id);
    pipeline.hget(queue.toKey(run.id), "finishedOn");
  }
  const answers = (await pipeline.exec()) ?? [];
  for (const [index, run] of runs.entries()) {
    const replies = answers.slice(index * 4, index * 4 + 4);
    if (replies.length < 4 || replies.some(([error]) => error)) continue; // unknown: look again next pass
    const [exists, failedScore, completedScore, finishedOn] = replies.map(([, value]) => value);
    const finishedAfterRunChanged = Number(finishedOn ?? 0) > run.updatedAt.getTime();
    if (failedScore !== null && finishedAfterRunChanged) {
      if (await failAbandonedRun(db, notifier, run.id, "its job failed for good and the failure was not recorded at the time")) result.failed.push(run.id);
    } else if (exists === 0) {
      await addJob(queues.get, runJob(run.id));
      result.requeued.push(run.id);
    } else if (failedScore !== null || completedScore !== null) {
      // Finished before the run was reopened (a retry): a new job for the run's new attempt.
      if (await replaceFinishedJob(queues, run.id)) result.requeued.push(run.id);
    }
  }
  return result;
}

/** Removes the run's finished job and adds a new one; false when the job is not finished. */
export async function replaceFinishedJob(queues: Pick<QueueClient, "get">, runId: string): Promise<boolean> {
  const queue = queues.get(QueueName.runs);
  const job = await queue.getJob(runId);
  if (job) {
    const state = await job.getState();
    if (state !== "completed" && state !== "failed") return false;
    await job.remove();
  }
  await addJob(queues.get, runJob(runId));
  return true;
}

/**
 * Whether Redis lost its data since the last look (a flush, a failover to an empty replica):
 * a marker key that only Hangar writes is gone. It is set again at once.
 */
export async function redisLostData(redis: Redis, prefix: string, marker: string): Promise<boolean> {
  const set = await redis.set(`${prefix}:epoch`, marker, "NX");
  return set === "OK";
}
