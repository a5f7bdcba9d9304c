// Taking a run to execute it, in one transaction: the run's lease (this execution, until a few
// seconds from now, renewed at every write) and the environment's lease (at most one mutating
// run per environment, in request order). On the run's first start the environment moves to
// the run's active state. Returns the run, its steps and its environment, or why it must wait.
import type { Db } from "../db/client";
import { Prisma, type Environment, type Run } from "../db/generated/client";
import { columnsOf, sqlTransaction } from "../db/sql";
import { NOW_UTC } from "./fenced-statement";
import { ACTIVE_STATE } from "./run-steps";

export type StepRow = { id: string; name: string; state: string; attempt: number; output: unknown };

export type Claim =
  | { status: "claimed"; run: Run; steps: StepRow[]; environment: Environment }
  | { status: "missing" }
  | { status: "finished"; state: Run["state"] }
  /** Another execution holds the run (alive, or dead but its lease not yet expired). */
  | { status: "leased"; retryInMs: number }
  /** Another run of the environment holds it or is ahead in line. */
  | { status: "queued" }
  /** Its upgrade batch already runs as many runs as its concurrency allows. */
  | { status: "throttled" };

const RUN_FIELDS = Object.values(Prisma.RunScalarFieldEnum);
const runColumns = Prisma.raw(RUN_FIELDS.map((field) => `run."${field}" AS "run.${field}"`).join(", "));
const activeStateCase = Prisma.raw(
  `CASE run."kind" ${Object.entries(ACTIVE_STATE).map(([kind, state]) => `WHEN '${kind}' THEN '${state}'`).join(" ")} ELSE e."state"::text END`,
);

type ClaimRow = Record<string, unknown> & { claimed: boolean; throttled: boolean; lease_remaining_ms: number | null; steps: StepRow[] };

/**
 * A queued run of an upgrade batch starts only while fewer of the batch's runs are running than
 * its concurrency. Runs of other environments in the batch claim concurrently, so the batch's
 * row is locked (after the environment's, the order every claim takes) before this is read.
 */
const batchHasRoom = Prisma.sql`(run."batchId" IS NULL OR run."state" = 'running' OR (
  SELECT count(*) FROM "Run" b WHERE b."batchId" = run."batchId" AND b."state" = 'running' AND b."id" <> run."id")
  < (SELECT ub."concurrency" FROM "UpgradeBatch" ub WHERE ub."id" = run."batchId"))`;

export async function claimRun(db: Db, input: { runId: string; owner: string; leaseMs: number; now?: Date }): Promise<Claim> {
  const now = input.now ?? new Date();
  const free = Prisma.sql`run."state" IN ('queued', 'running') AND (run."leaseOwner" IS NULL OR run."leaseExpiresAt" < ${NOW_UTC} OR run."leaseOwner" = ${input.owner})`;
  // The environment's row is locked first, then the claim reads (a statement of its own, so it
  // sees what a destroy or a cancel that held the lock committed). Every writer that changes a
  // run and its environment takes the environment's lock first: no deadlocks between them.
  const [row] = await sqlTransaction(db, async (rows) => {
    await rows(Prisma.sql`SELECT e."id" FROM "Environment" e JOIN "Run" r ON r."environmentId" = e."id" WHERE r."id" = ${input.runId} FOR UPDATE OF e`);
    await rows(Prisma.sql`SELECT ub."id" FROM "UpgradeBatch" ub JOIN "Run" r ON r."batchId" = ub."id" WHERE r."id" = ${input.runId} AND r."state" = 'queued' FOR UPDATE OF ub`);
    return rows<ClaimRow>(Prisma.sql`
    WITH run AS (SELECT ${columnsOf(Prisma.RunScalarFieldEnum)} FROM "Run" WHERE "id" = ${input.runId}),
    env AS (
      UPDATE "Environment" AS e SET
        "activeRunId" = run."id",
        "state" = CASE WHEN run."state" = 'queued' THEN (${activeStateCase})::"EnvironmentState" ELSE e."state" END,
        "failedStep" = CASE WHEN run."state" = 'queued' THEN NULL ELSE e."failedStep" END,
        "failureReason" = CASE WHEN run."state" = 'queued' THEN NULL ELSE e."failureReason" END,
        "updatedAt" = ${now}
      FROM run
      WHERE e."id" = run."environmentId" AND ${free} AND (e."activeRunId" IS NULL OR e."activeRunId" = run."id") AND ${batchHasRoom}
        AND NOT EXISTS (
          SELECT 1 FROM "Run" o WHERE o."environmentId" = run."environmentId" AND o."state" IN ('queued', 'running') AND o."id" <> run."id"
            AND (o."createdAt" < run."createdAt" OR (o."createdAt" = run."createdAt" AND o."id" < run."id")))
      RETURNING ${columnsOf(Prisma.EnvironmentScalarFieldEnum, "e")}),
    claimed AS (
      UPDATE "Run" AS r SET "leaseOwner" = ${input.owner}, "leaseExpiresAt" = ${NOW_UTC} + (${input.leaseMs}::int * interval '1 millisecond'),
        "state" = 'running', "startedAt" = COALESCE(r."startedAt", ${now}), "updatedAt" = ${now}
      WHERE r."id" = ${input.runId} AND EXISTS (SELECT 1 FROM env) AND r."state" IN ('queued', 'running')
        AND (r."leaseOwner" IS NULL OR r."leaseExpiresAt" < ${NOW_UTC} OR r."leaseOwner" = ${input.owner})
      RETURNING r."id")
    SELECT ${runColumns}, ${columnsOf(Prisma.EnvironmentScalarFieldEnum, "env")},
      EXISTS (SELECT 1 FROM claimed) AS claimed, NOT ${batchHasRoom} AS throttled,
      CASE WHEN run."leaseOwner" IS NOT NULL AND run."leaseOwner" <> ${input.owner}
        THEN GREATEST(0, EXTRACT(EPOCH FROM (run."leaseExpiresAt" - ${NOW_UTC})) * 1000)::int END AS lease_remaining_ms,
      COALESCE((SELECT json_agg(json_build_object('id', s."id", 'name', s."name", 'state', s."state", 'attempt', s."attempt", 'output', s."output") ORDER BY s."position")
        FROM "RunStep" s WHERE s."runId" = run."id"), '[]'::json) AS steps
    FROM run LEFT JOIN env ON true`);
  });
  if (!row) return { status: "missing" };
  const run = Object.fromEntries(RUN_FIELDS.map((field) => [field, row[`run.${field}`]])) as Run;
  if (row.claimed) {
    const environment = Object.fromEntries(Object.values(Prisma.EnvironmentScalarFieldEnum).map((field) => [field, row[field]])) as Environment;
    return { status: "claimed", run: { ...run, state: "running" }, steps: row.steps, environment };
  }
  if (run.state !== "queued" && run.state !== "running") return { status: "finished", state: run.state };
  const remaining = Number(row.lease_remaining_ms ?? 0);
  if (remaining > 0) return { status: "leased", retryInMs: remaining };
  return row.throttled ? { status: "throttled" } : { status: "queued" };
}
