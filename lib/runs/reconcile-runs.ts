// Postgres is the truth about runs, Redis only carries their jobs. A run Postgres says is queued
// or running must have a live job; when it has none (Redis lost its data, a job was removed by
// hand) it is enqueued again (job id = run id; finished steps are memoised, so it resumes where
// it stopped). When its job has failed for good but the failure could not be recorded (Postgres
// was down at that moment, or the worker died in between), the run is failed now, which
// releases the environment for the next run. Without this such a run would hold its
// environment forever.
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
  // Only runs quiet for a while: a fresh one may still be on its way through the outbox.
  const runs = await db.run.findMany({
    where: { state: { in: ["queued", "running"] }, updatedAt: { lt: new Date(now.getTime() - options.quietForMs) } },
    select: { id: true },
    orderBy: { updatedAt: "asc" },
    take: options.limit ?? 5000,
  });
  const result: ReconcileResult = { checked: runs.length, requeued: [], failed: [] };
  if (runs.length === 0) return result;

  // One round trip for every candidate: does its job exist, and is it in the failed set?
  const queue = queues.get(QueueName.runs);
  const pipeline = queues.connection.pipeline();
  for (const run of runs) {
    pipeline.exists(queue.toKey(run.id));
    pipeline.zscore(queue.toKey("failed"), run.id);
  }
  const answers = (await pipeline.exec()) ?? [];
  for (const [index, run] of runs.entries()) {
    const [existsError, exists] = answers[index * 2] ?? [];
    const [failedError, failedScore] = answers[index * 2 + 1] ?? [];
    if (existsError || failedError) continue; // unknown: look again next pass
    if (failedScore !== null && failedScore !== undefined) {
      await failAbandonedRun(db, notifier, run.id, "its job failed for good and the failure was not recorded at the time");
      result.failed.push(run.id);
    } else if (exists === 0) {
      await addJob(queues.get, runJob(run.id));
      result.requeued.push(run.id);
    }
  }
  return result;
}
