// Every write a worker makes for a run is ONE statement fenced by the run's lease: its first
// part extends the lease (or ends it) only if this execution still owns the run, and every
// other part is conditional on that update having happened. A worker that lost the run (its
// lease taken after it stalled, its Redis cut off) therefore writes nothing, and a crash never
// leaves half a boundary behind. One statement per boundary also keeps Postgres commits per
// environment lifecycle low (see bench/README.md).
//
// Lease times use Postgres's clock, so workers on machines with skewed clocks agree.
import { Prisma } from "../db/generated/client";
import type { EnvironmentAssignments } from "./run-definition";
import type { LogLine } from "./log-line";

export const NOW_UTC = Prisma.sql`(now() AT TIME ZONE 'UTC')`;

/** True when this execution still holds the lease (whether or not cancel was asked). */
export const HELD = Prisma.sql`EXISTS (SELECT 1 FROM lease)`;
/** True when it holds the lease and the run was not asked to cancel: new work may start. */
export const PROCEED = Prisma.sql`EXISTS (SELECT 1 FROM lease WHERE NOT lease.canceled)`;

export type LeaseClause = {
  runId: string;
  owner: string;
  leaseMs: number;
  now: Date;
  /** Extra assignments on the Run row (its ending), applied with the lease. */
  set?: Prisma.Sql;
  /** Ends the lease: true, or a condition (park: release unless the wait is already over). */
  release?: boolean | Prisma.Sql;
  /**
   * The statement changes this environment too: its row is locked before the run's, the order
   * every writer of both follows (claims, cancels, destroys, retries), so none deadlock.
   */
  lockEnvironmentId?: string;
};

export type Part = { name: string; sql: Prisma.Sql };

function leaseCte(lease: LeaseClause): Prisma.Sql {
  const release = lease.release === true ? Prisma.sql`true` : lease.release ? lease.release : Prisma.sql`false`;
  return Prisma.sql`
    UPDATE "Run" SET
      "leaseOwner" = CASE WHEN ${release} THEN NULL ELSE "leaseOwner" END,
      "leaseExpiresAt" = CASE WHEN ${release} THEN NULL ELSE ${NOW_UTC} + (${lease.leaseMs}::int * interval '1 millisecond') END,
      "updatedAt" = ${lease.now}
      ${lease.set ? Prisma.sql`, ${lease.set}` : Prisma.empty}
    WHERE "id" = ${lease.runId} AND "leaseOwner" = ${lease.owner}
      ${lease.lockEnvironmentId ? Prisma.sql`AND EXISTS (SELECT 1 FROM envlock)` : Prisma.empty}
    RETURNING "cancelRequestedAt" IS NOT NULL AS canceled, "environmentId"`;
}

/**
 * `WITH lease AS (...), p1 AS (...), ... SELECT held, canceled[, extra]`. Parts must put HELD or
 * PROCEED in their WHERE; no two parts may update the same row (Postgres applies only one).
 */
export function fencedStatement(lease: LeaseClause, parts: Part[], select?: Prisma.Sql): Prisma.Sql {
  const ctes = [
    ...(lease.lockEnvironmentId ? [Prisma.sql`envlock AS (SELECT "id" FROM "Environment" WHERE "id" = ${lease.lockEnvironmentId} FOR UPDATE)`] : []),
    Prisma.sql`lease AS (${leaseCte(lease)})`,
    ...parts.map((part) => Prisma.sql`${Prisma.raw(part.name)} AS (${part.sql})`),
  ];
  return Prisma.sql`
    WITH ${Prisma.join(ctes, ", ")}
    SELECT ${HELD} AS held, COALESCE((SELECT canceled FROM lease), false) AS canceled ${select ? Prisma.sql`, ${select}` : Prisma.empty}`;
}

export function logsPart(lines: LogLine[]): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO "RunLog" ("runId", "step", "level", "message", "at")
    SELECT l.run_id, l.step, l.level, l.message, l.at::timestamp
    FROM unnest(${lines.map((l) => l.runId)}::text[], ${lines.map((l) => l.step)}::text[], ${lines.map((l) => l.level)}::text[],
                ${lines.map((l) => l.message)}::text[], ${lines.map((l) => l.at.toISOString())}::text[])
      WITH ORDINALITY AS l(run_id, step, level, message, at, n)
    WHERE ${HELD}
    ORDER BY l.n`;
}

/** A step's new state, written with the run's next statement. */
export type Settlement = {
  stepId: string;
  state: "succeeded" | "running" | "waiting" | "failed";
  output: unknown;
  error?: string | null;
  /** When this execution of the step started; also counts the attempt if it was never begun. */
  startedAt: Date;
  /** The step was not recorded as begun by this execution: count its attempt now. */
  countAttempt: boolean;
  waitReason?: string | null;
  resumeAt?: Date | null;
  /** Park: the state to take instead of `state` when this condition holds (the wait is over). */
  unlessOver?: Prisma.Sql;
};

/** Several steps' settlements in one UPDATE (each row at most once). */
export function settlementsPart(settlements: Settlement[], now: Date): Prisma.Sql {
  const column = <T>(pick: (s: Settlement) => T) => settlements.map(pick);
  const over = settlements.find((s) => s.unlessOver)?.unlessOver ?? Prisma.sql`false`;
  return Prisma.sql`
    UPDATE "RunStep" AS s SET
      "state" = (CASE WHEN v.can_be_over AND (${over}) THEN 'running' ELSE v.state END)::"StepState",
      "attempt" = s."attempt" + CASE WHEN v.count_attempt THEN 1 ELSE 0 END,
      "startedAt" = COALESCE(s."startedAt", v.started_at::timestamp),
      "finishedAt" = CASE WHEN v.state IN ('succeeded', 'failed') THEN ${now} ELSE s."finishedAt" END,
      "output" = v.output::jsonb,
      "error" = v.error,
      "waitReason" = CASE WHEN v.can_be_over AND (${over}) THEN NULL ELSE v.wait_reason END,
      "resumeAt" = CASE WHEN v.can_be_over AND (${over}) THEN NULL ELSE v.resume_at::timestamp END
    FROM unnest(${column((s) => s.stepId)}::text[], ${column((s) => s.state)}::text[], ${column((s) => s.countAttempt)}::boolean[],
                ${column((s) => s.startedAt.toISOString())}::text[], ${column((s) => (s.output === undefined || s.output === null ? null : JSON.stringify(s.output)))}::text[],
                ${column((s) => s.error ?? null)}::text[], ${column((s) => s.waitReason ?? null)}::text[],
                ${column((s) => s.resumeAt?.toISOString() ?? null)}::text[], ${column((s) => Boolean(s.unlessOver))}::boolean[])
      AS v(id, state, count_attempt, started_at, output, error, wait_reason, resume_at, can_be_over)
    WHERE s."id" = v.id AND ${HELD}`;
}

/** Marks a step running as this execution begins it (a step resumed from `waiting` keeps its attempt). */
export function beginPart(step: { stepId: string; startedAt: Date; countAttempt: boolean }): Prisma.Sql {
  return Prisma.sql`
    UPDATE "RunStep" SET "state" = 'running', "attempt" = "attempt" + ${step.countAttempt ? 1 : 0}::int,
      "startedAt" = COALESCE("startedAt", ${step.startedAt}), "error" = NULL, "waitReason" = NULL, "resumeAt" = NULL
    WHERE "id" = ${step.stepId} AND ${PROCEED}`;
}

/** One UPDATE of the run's environment with every assignment steps and the run's ending made. */
export function environmentPart(runId: string, assignments: EnvironmentAssignments, now: Date, options: { release?: boolean } = {}): Prisma.Sql {
  const sets = Object.entries({ ...assignments, updatedAt: Prisma.sql`${now}`, ...(options.release ? { activeRunId: Prisma.sql`NULL` } : {}) }).map(
    ([column, value]) => Prisma.sql`${Prisma.raw(`"${column}"`)} = ${value}`,
  );
  return Prisma.sql`
    UPDATE "Environment" SET ${Prisma.join(sets, ", ")}
    WHERE "id" = (SELECT "environmentId" FROM lease) AND "activeRunId" = ${runId} AND ${HELD}`;
}

/** Steps of the run not settled in this statement, skipped (the run ends here). */
export function skipRestPart(runId: string, settledIds: string[], now: Date): Prisma.Sql {
  return Prisma.sql`
    UPDATE "RunStep" SET "state" = 'skipped', "finishedAt" = ${now}, "waitReason" = NULL, "resumeAt" = NULL
    WHERE "runId" = ${runId} AND "state" IN ('pending', 'running', 'waiting') AND NOT ("id" = ANY(${settledIds}::text[])) AND ${HELD}`;
}

/**
 * Runs to wake when this one ends (the snapshot still shows this one): the next in line on the
 * environment, and the oldest queued runs of its upgrade batch whose environments are free, as
 * many as the batch may run at once. Runs ending together each wake the same few, so no freed
 * slot waits for the safety net; a woken run with no room left is only turned away by its claim.
 */
export function nextRunSelect(runId: string): Prisma.Sql {
  return Prisma.sql`(
    SELECT n."id" FROM "Run" n WHERE n."environmentId" = (SELECT "environmentId" FROM lease) AND n."state" IN ('queued', 'running') AND n."id" <> ${runId}
    ORDER BY n."createdAt" LIMIT 1) AS next_run, ARRAY(
    SELECT b."id" FROM "Run" b
    WHERE b."batchId" = (SELECT me."batchId" FROM "Run" me WHERE me."id" = ${runId}) AND b."state" = 'queued' AND b."id" <> ${runId}
      AND NOT EXISTS (SELECT 1 FROM "Environment" e WHERE e."id" = b."environmentId" AND e."activeRunId" IS NOT NULL AND e."activeRunId" <> ${runId})
    ORDER BY b."createdAt", b."id"
    LIMIT (SELECT ub."concurrency" FROM "UpgradeBatch" ub JOIN "Run" me ON me."batchId" = ub."id" WHERE me."id" = ${runId})) AS next_batch_runs`;
}
