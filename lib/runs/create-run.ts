import type { Tx } from "../db/client";
import { Prisma } from "../db/generated/client";
import { newId } from "../db/ids";
import { oneStatement } from "../db/one-statement";
import { outboxInsert, runJob, type OutboxJob, type OutboxMessageInput } from "../queue/outbox";
import { RUN_STEPS, type ImplementedRunKind } from "./run-steps";
import { sqlRows } from "../db/sql";

export type NewRun = {
  runId: string;
  environmentId: string;
  kind: ImplementedRunKind;
  requestedById: string | null;
  /** What the run is asked to do beyond its kind (an update's target). */
  input?: unknown;
  /** The upgrade batch whose concurrency limit the run respects. */
  batchId?: string;
};

/**
 * A queued Run, its pending steps and the outbox row that will enqueue it (jobId = run id), as
 * statements for oneStatement(); the outbox insert is last and yields the row's id.
 */
export function runInserts(run: NewRun, now = new Date()): { statements: Prisma.Sql[]; outbox: OutboxMessageInput } {
  const names = RUN_STEPS[run.kind];
  const outbox: OutboxMessageInput = runJob(run.runId);
  return {
    outbox,
    statements: [
      Prisma.sql`
        INSERT INTO "Run" ("id", "environmentId", "kind", "state", "requestedById", "input", "batchId", "createdAt", "updatedAt")
        VALUES (${run.runId}, ${run.environmentId}, ${run.kind}::"RunKind", 'queued', ${run.requestedById},
          ${run.input === undefined ? null : JSON.stringify(run.input)}::jsonb, ${run.batchId ?? null}, ${now}, ${now})`,
      Prisma.sql`
        INSERT INTO "RunStep" ("id", "runId", "name", "position", "state", "attempt")
        SELECT s.id, ${run.runId}, s.name, s.position, 'pending', 0
        FROM unnest(${names.map(() => newId())}::text[], ${[...names]}::text[], ${names.map((_, i) => i)}::int[]) AS s(id, name, position)`,
      outboxInsert(outbox, now),
    ],
  };
}

/** Writes a queued Run with its steps and outbox row in one statement. */
export async function createRun(tx: Tx, input: Omit<NewRun, "runId">): Promise<{ runId: string; outbox: OutboxJob }> {
  const runId = newId();
  const { statements, outbox } = runInserts({ ...input, runId });
  const [row] = await sqlRows<{ id: bigint }>(tx, oneStatement(statements, statements.length - 1));
  return { runId, outbox: { id: row!.id, ...outbox } };
}
