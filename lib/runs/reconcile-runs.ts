// Postgres is the truth about runs, Redis only carries their jobs. A run Postgres says is queued
// or running must have a live job; when it has none (Redis lost its data, a job was removed by
// hand) it is enqueued again (job id = run id; finished steps are memoised, so it resumes where
// it stopped). A finished job of a run that is not finished (it was retried) is replaced. When
// its job failed for good after the run last changed, and the failure could not be recorded
// (Postgres was down then, or the worker died in between), the run is failed now, which releases
// the environment for the next run. An environment still held by a run that ended is released.
import type { Redis } from "ioredis";
import type { Db } from "../db/client";
import { Prisma } from "../db/generated/client";
import { sqlRows } from "../db/sql";
import type { QueueClient } from "../queue/queue-client";
import { addJob, replaceFinishedJob, runJob } from "../queue/outbox";
import { QueueName } from "../queue/queues";
import { failAbandonedRun } from "./fail-run";
import { ACTIVE_STATE } from "./run-steps";
import type { RunNotifier } from "./run-events";

export type ReconcileResult = { checked: number; requeued: string[]; failed: string[]; released: string[] };

export async function reconcileRuns(
  db: Db,
  queues: Pick<QueueClient, "get" | "connection" | "wakeRun">,
  notifier: RunNotifier,
  options: { quietForMs: number; limit?: number; now?: Date },
): Promise<ReconcileResult> {
  const now = options.now ?? new Date();
  const released = await releaseStaleEnvironmentLeases(db, queues, notifier, now);
  // Runs quiet for a while: a fresh one may still be on its way through the outbox.
  const runs = await db.run.findMany({
    where: { state: { in: ["queued", "running"] }, updatedAt: { lt: new Date(now.getTime() - options.quietForMs) } },
    select: { id: true, updatedAt: true },
    orderBy: { updatedAt: "asc" },
    take: options.limit ?? 10_000,
  });
  const result: ReconcileResult = { checked: runs.length, requeued: [], failed: [], released };
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
      if (await replaceFinishedJob(queues.get, runJob(run.id))) result.requeued.push(run.id);
    }
  }
  return result;
}

/**
 * An environment whose lease names a run that has ended would keep every later run waiting:
 * release it (failed, if no run is left to move it on) and wake the next run in line. Runs
 * release their environment when they end, so this only catches what went wrong elsewhere.
 */
/** The states a run puts its environment in while it works (every run kind's, updating included). */
const busyStates = Prisma.raw([...new Set(["requested", ...Object.values(ACTIVE_STATE)])].map((state) => `'${state}'`).join(", "));

async function releaseStaleEnvironmentLeases(db: Db, queues: Pick<QueueClient, "wakeRun">, notifier: RunNotifier, now: Date): Promise<string[]> {
  const rows = await sqlRows<{ id: string; next: string | null }>(db, Prisma.sql`
    WITH stale AS (
      UPDATE "Environment" e SET "activeRunId" = NULL, "updatedAt" = ${now},
        "state" = CASE WHEN e."state" IN (${busyStates}) AND NOT EXISTS (
            SELECT 1 FROM "Run" o WHERE o."environmentId" = e."id" AND o."state" IN ('queued', 'running'))
          THEN 'failed'::"EnvironmentState" ELSE e."state" END,
        "failureReason" = CASE WHEN e."state" IN (${busyStates}) AND NOT EXISTS (
            SELECT 1 FROM "Run" o WHERE o."environmentId" = e."id" AND o."state" IN ('queued', 'running'))
          THEN 'Its run ended without releasing it; retry or destroy' ELSE e."failureReason" END
      FROM "Run" r WHERE e."activeRunId" = r."id" AND r."state" NOT IN ('queued', 'running')
      RETURNING e."id")
    SELECT s."id", (SELECT n."id" FROM "Run" n WHERE n."environmentId" = s."id" AND n."state" IN ('queued', 'running') ORDER BY n."createdAt" LIMIT 1) AS next
    FROM stale s`);
  for (const row of rows) {
    notifier.environmentChanged(row.id, "environment");
    if (row.next) await queues.wakeRun(row.next).catch(() => false);
  }
  return rows.map((row) => row.id);
}

/**
 * Whether Redis lost its data since the last look (a flush, a failover to an empty replica):
 * a marker key that only Hangar writes is gone. It is set again at once.
 */
export async function redisLostData(redis: Redis, prefix: string, marker: string): Promise<boolean> {
  const set = await redis.set(`${prefix}:epoch`, marker, "NX");
  return set === "OK";
}
