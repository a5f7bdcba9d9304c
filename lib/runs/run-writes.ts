// The run engine's reads and writes, each one round trip: a worker executes thousands of steps a
// minute, and on a small machine every extra query is a context switch to Postgres. Timestamps
// are bound from JS (UTC), never now(), so the server's time zone cannot skew them.
import type { Db } from "../db/client";
import { Prisma } from "../db/generated/client";
import { jsonParam } from "../db/one-statement";
import type { Environment, EnvironmentState, Run } from "../db/generated/client";
import type { LogLine } from "./log-buffer";
import { columnsOf, sqlExecute, sqlRows } from "../db/sql";

export type StepRow = { id: string; name: string; state: string; attempt: number; output: unknown };
export type LoadedRun = Run & { steps: StepRow[] };

/** The run and its steps in position order. */
export async function loadRun(db: Db, runId: string): Promise<LoadedRun | null> {
  const [row] = await sqlRows<(Run & { steps: StepRow[] })>(db, Prisma.sql`
    SELECT ${columnsOf(Prisma.RunScalarFieldEnum, "r")}, COALESCE(
      (SELECT json_agg(json_build_object('id', s."id", 'name', s."name", 'state', s."state", 'attempt', s."attempt", 'output', s."output") ORDER BY s."position")
       FROM "RunStep" s WHERE s."runId" = r."id"), '[]'::json) AS steps
    FROM "Run" r WHERE r."id" = ${runId}`);
  return row ?? null;
}

/**
 * Takes the environment's lease for the run (at most one mutating run per environment, in
 * request order), and on the run's first start moves the environment to the run's active state
 * and the run to `running`. Returns the environment, or null when another run holds the lease
 * or an earlier one is still in line.
 */
export async function startRun(db: Db, run: Run, activeState: EnvironmentState): Promise<Environment | null> {
  const now = new Date();
  const first = run.state === "queued";
  const [environment] = await sqlRows<Environment>(db, Prisma.sql`
    WITH lease AS (
      UPDATE "Environment" SET
        "activeRunId" = ${run.id},
        "state" = CASE WHEN ${first} THEN ${activeState}::"EnvironmentState" ELSE "state" END,
        "failedStep" = CASE WHEN ${first} THEN NULL ELSE "failedStep" END,
        "failureReason" = CASE WHEN ${first} THEN NULL ELSE "failureReason" END,
        "updatedAt" = ${now}
      WHERE "id" = ${run.environmentId} AND ("activeRunId" IS NULL OR "activeRunId" = ${run.id})
        AND NOT EXISTS (
          SELECT 1 FROM "Run" WHERE "environmentId" = ${run.environmentId} AND "state" IN ('queued', 'running')
            AND "createdAt" < ${run.createdAt} AND "id" <> ${run.id})
      RETURNING ${columnsOf(Prisma.EnvironmentScalarFieldEnum)}),
    started AS (
      UPDATE "Run" SET "state" = 'running', "startedAt" = ${now}, "updatedAt" = ${now}
      WHERE "id" = ${run.id} AND "state" = 'queued' AND EXISTS (SELECT 1 FROM lease))
    SELECT ${columnsOf(Prisma.EnvironmentScalarFieldEnum)} FROM lease`);
  return environment ?? null;
}

/** A step's new state with its output and the log lines it left, written with the next statement. */
export type StepSettlement = { stepId: string; state: "succeeded" | "waiting" | "running"; output: unknown; error?: string | null; logs: LogLine[] };

function logsInsert(lines: LogLine[]): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO "RunLog" ("runId", "step", "level", "message", "at")
    SELECT l.run_id, l.step, l.level, l.message, l.at::timestamp
    FROM unnest(${lines.map((l) => l.runId)}::text[], ${lines.map((l) => l.step)}::text[], ${lines.map((l) => l.level)}::text[],
                ${lines.map((l) => l.message)}::text[], ${lines.map((l) => l.at.toISOString())}::text[])
      WITH ORDINALITY AS l(run_id, step, level, message, at, n)
    ORDER BY l.n`;
}

/** The statements of a settlement: its log lines (if any) and the step's update. */
function settlementStatements(settlement: StepSettlement | undefined): Prisma.Sql[] {
  if (!settlement) return [];
  const finishedAt = settlement.state === "succeeded" ? new Date() : null;
  return [
    ...(settlement.logs.length > 0 ? [logsInsert(settlement.logs)] : []),
    Prisma.sql`
      UPDATE "RunStep" SET "state" = ${settlement.state}::"StepState", "finishedAt" = COALESCE(${finishedAt}, "finishedAt"),
        "output" = ${jsonParam(settlement.output)}::jsonb, "error" = ${settlement.error ?? null}
      WHERE "id" = ${settlement.stepId}`,
  ];
}

/** `WITH name AS (sql), ... final`: several statements as one (atomic, one round trip). */
function withParts(parts: { name: string; sql: Prisma.Sql }[], final: Prisma.Sql): Prisma.Sql {
  if (parts.length === 0) return final;
  return Prisma.sql`WITH ${Prisma.join(parts.map((part) => Prisma.sql`${Prisma.raw(part.name)} AS (${part.sql})`), ", ")} ${final}`;
}

const named = (statements: Prisma.Sql[]) => statements.map((sql, index) => ({ name: `settle${index}`, sql }));

/**
 * At a step boundary, in one statement: settle the step before (if any), learn whether the run
 * was asked to cancel, and if not mark this step running (a parked step resuming from
 * `waiting` keeps its attempt count).
 */
export async function beginStep(db: Db, runId: string, step: StepRow, previous?: StepSettlement): Promise<{ canceled: boolean; attempt: number }> {
  const now = new Date();
  const parts = [
    ...named(settlementStatements(previous)),
    { name: "run", sql: Prisma.sql`SELECT "cancelRequestedAt" IS NOT NULL AS canceled FROM "Run" WHERE "id" = ${runId}` },
    {
      name: "started",
      sql: Prisma.sql`
        UPDATE "RunStep" SET "state" = 'running', "attempt" = "attempt" + 1, "startedAt" = COALESCE("startedAt", ${now}), "error" = NULL
        WHERE "id" = ${step.id} AND "state" <> 'waiting' AND NOT (SELECT canceled FROM run)
        RETURNING "attempt"`,
    },
  ];
  const [result] = await sqlRows<{ canceled: boolean; attempt: number }>(
    db,
    withParts(parts, Prisma.sql`SELECT (SELECT canceled FROM run) AS canceled, COALESCE((SELECT "attempt" FROM started), ${step.attempt}::int) AS attempt`),
  );
  return { canceled: Boolean(result?.canceled), attempt: Number(result?.attempt ?? step.attempt) };
}

/** Appends log lines (append-only, in order). */
export async function insertLogs(db: Db, lines: LogLine[]): Promise<void> {
  if (lines.length > 0) await sqlExecute(db, logsInsert(lines));
}

/** Writes a settlement on its own (a step that parks, or a retry). */
export async function settleStep(db: Db, settlement: StepSettlement): Promise<void> {
  const statements = settlementStatements(settlement);
  await sqlExecute(db, withParts(named(statements.slice(0, -1)), statements[statements.length - 1]!));
}

/** The last step's settlement, the run's success and the release of the environment's lease, together. */
export async function finishRun(db: Db, run: Run, lastStep?: StepSettlement): Promise<void> {
  const now = new Date();
  const parts = [
    ...named(settlementStatements(lastStep)),
    { name: "finished", sql: Prisma.sql`UPDATE "Run" SET "state" = 'succeeded', "finishedAt" = ${now}, "updatedAt" = ${now} WHERE "id" = ${run.id} RETURNING "environmentId"` },
  ];
  await sqlExecute(
    db,
    withParts(
      parts,
      Prisma.sql`UPDATE "Environment" AS e SET "activeRunId" = NULL, "updatedAt" = ${now}
        FROM finished WHERE e."id" = finished."environmentId" AND e."activeRunId" = ${run.id}`,
    ),
  );
}
