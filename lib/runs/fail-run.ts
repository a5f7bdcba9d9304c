// When the queue gives up on a job (retries exhausted outside any step) or the reconciler finds
// its failure unrecorded, the run must not stay `running` and hold its environment forever.
// Never while another execution holds the run's lease: that one is alive and decides.
import type { Db } from "../db/client";
import { Prisma } from "../db/generated/client";
import { sqlRows } from "../db/sql";
import { NOW_UTC } from "./fenced-statement";
import type { RunNotifier } from "./run-events";

export async function failAbandonedRun(db: Db, notifier: RunNotifier, runId: string, reason: string): Promise<boolean> {
  const now = new Date();
  const message = `Run abandoned: ${reason}`;
  const [row] = await sqlRows<{ environmentId: string }>(db, Prisma.sql`
    WITH locked AS (
      -- The environment first, then the run: the order every writer of both takes its locks in.
      SELECT e."id" FROM "Environment" e JOIN "Run" r ON r."environmentId" = e."id" WHERE r."id" = ${runId} FOR UPDATE OF e),
    target AS (
      SELECT "id", "name" FROM "RunStep" WHERE "runId" = ${runId} AND "state" NOT IN ('succeeded', 'skipped') ORDER BY "position" LIMIT 1),
    run AS (
      UPDATE "Run" SET "state" = 'failed', "finishedAt" = ${now}, "error" = ${reason}, "failedStep" = (SELECT "name" FROM target),
        "leaseOwner" = NULL, "leaseExpiresAt" = NULL, "updatedAt" = ${now}
      WHERE "id" = ${runId} AND "state" IN ('queued', 'running') AND ("leaseOwner" IS NULL OR "leaseExpiresAt" < ${NOW_UTC})
        AND EXISTS (SELECT 1 FROM locked)
      RETURNING "environmentId"),
    failed AS (
      UPDATE "RunStep" SET "state" = (CASE WHEN "id" = (SELECT "id" FROM target) THEN 'failed' ELSE 'skipped' END)::"StepState",
        "finishedAt" = ${now}, "error" = CASE WHEN "id" = (SELECT "id" FROM target) THEN ${reason} ELSE "error" END, "waitReason" = NULL, "resumeAt" = NULL
      WHERE "runId" = ${runId} AND "state" IN ('pending', 'running', 'waiting') AND EXISTS (SELECT 1 FROM run)),
    env AS (
      UPDATE "Environment" e SET "state" = 'failed', "failedStep" = (SELECT "name" FROM target), "failureReason" = ${reason}, "activeRunId" = NULL, "updatedAt" = ${now}
      FROM run WHERE e."id" = run."environmentId" AND (e."activeRunId" = ${runId} OR (e."activeRunId" IS NULL AND e."state" = 'requested'))),
    logged AS (
      INSERT INTO "RunLog" ("runId", "step", "level", "message", "at") SELECT ${runId}, NULL, 'error', ${message}, ${now} FROM run)
    SELECT "environmentId" FROM run`);
  if (row) notifier.environmentChanged(row.environmentId, "run");
  return Boolean(row);
}
