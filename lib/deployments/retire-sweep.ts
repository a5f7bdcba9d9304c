// Ends blue-green grace periods: an environment whose kept instances are due (terminateAfter
// passed) and that has no other run gets a `retire` run that terminates them. Runs on the
// worker leader; a deploy that comes first terminates them in its own retire_old step instead.
import type { Db } from "../db/client";
import { Prisma } from "../db/generated/client";
import { sqlRows } from "../db/sql";
import { lockEnvironment } from "../environments/apply-upgrade";
import { enqueueOutbox, type OutboxJob, type QueueLookup } from "../queue/outbox";
import { createRun } from "../runs/create-run";
import { NOW_UTC } from "../runs/fenced-statement";

const idle = (env: Prisma.Sql) => Prisma.sql`${env}."state" = 'ready' AND ${env}."activeRunId" IS NULL
  AND NOT EXISTS (SELECT 1 FROM "Run" r WHERE r."environmentId" = ${env}."id" AND r."state" IN ('queued', 'running'))`;

const due = (env: Prisma.Sql) => Prisma.sql`EXISTS (SELECT 1 FROM "Instance" i WHERE i."environmentId" = ${env}."id" AND i."terminateAfter" <= ${NOW_UTC}
  AND i."state" NOT IN ('terminated', 'shutting-down'))`;

export async function queueDueRetirements(db: Db, queues: QueueLookup, options: { limit?: number } = {}): Promise<string[]> {
  const candidates = await sqlRows<{ id: string }>(db, Prisma.sql`
    SELECT e."id" FROM "Environment" e
    WHERE e."id" IN (SELECT DISTINCT i."environmentId" FROM "Instance" i WHERE i."terminateAfter" <= ${NOW_UTC} AND i."state" NOT IN ('terminated', 'shutting-down'))
      AND ${idle(Prisma.sql`e`)}
    LIMIT ${options.limit ?? 100}`);
  const queued: string[] = [];
  const jobs: OutboxJob[] = [];
  for (const { id } of candidates) {
    const run = await db.$transaction(async (tx) => {
      await lockEnvironment(tx, id);
      // Checked again under the lock: a deploy may have been requested meanwhile.
      const [still] = await sqlRows<{ ok: boolean }>(tx, Prisma.sql`SELECT (${idle(Prisma.sql`e`)} AND ${due(Prisma.sql`e`)}) AS ok FROM "Environment" e WHERE e."id" = ${id}`);
      if (!still?.ok) return null;
      return createRun(tx, { environmentId: id, kind: "retire", requestedById: null });
    });
    if (run) {
      queued.push(run.runId);
      jobs.push(run.outbox);
    }
  }
  if (jobs.length > 0) await enqueueOutbox(queues, jobs);
  return queued;
}
