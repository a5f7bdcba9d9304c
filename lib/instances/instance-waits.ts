// "Wait until the environment's instances are running (or terminated)": the one definition both
// sides use. A run parks in such a step holding no worker; the instance poller, after each
// batched Describe, advances every parked wait that is over in ONE statement (the step
// succeeds with the settled instances as its output, as the step itself would record) and
// wakes those runs. A wait that ended in a way the step must judge (an instance died while
// starting) or a run asked to cancel is woken without being advanced.
import type { Db } from "../db/client";
import { Prisma } from "../db/generated/client";
import { sqlRows } from "../db/sql";
import { INSTANCE_WAIT_STEPS } from "../runs/run-steps";
import type { SyncRow } from "./sync-instances";

export type WaitTarget = "running" | "terminated";

/** Instance states that are not settled for a target (any other state is final for it). */
const SETTLED: Record<WaitTarget, readonly string[]> = { running: ["running", "terminated"], terminated: ["terminated"] };

/**
 * Runs of these kinds wait for running only on the instances they launched: an update adds
 * instances next to ones it keeps, whose state (even a stopped one) is not its business.
 */
export const OWN_INSTANCES_KINDS = ["update"] as const;

/** Whether a wait of a run of `kind` for `target` looks only at the instances the run launched. */
export function waitsOnOwnInstances(kind: string, target: WaitTarget): boolean {
  return target === "running" && (OWN_INSTANCES_KINDS as readonly string[]).includes(kind);
}

/** True when no instance of the environment (or, with `launchedBy`, of that run) is still on its way to the target. */
export function waitOverSql(environmentId: string, target: WaitTarget, launchedBy?: string): Prisma.Sql {
  const own = launchedBy ? Prisma.sql`AND "launchedByRunId" = ${launchedBy}` : Prisma.empty;
  return Prisma.sql`NOT EXISTS (SELECT 1 FROM "Instance" WHERE "environmentId" = ${environmentId} ${own} AND NOT ("state" = ANY(${[...SETTLED[target]]}::text[])))`;
}

const ownKinds = Prisma.raw(OWN_INSTANCES_KINDS.map((kind) => `'${kind}'`).join(", "));

/** The settled instances, as outputs reference them (`instances.<group>[i].publicIp` ...). */
export const SETTLED_INSTANCE_JSON = Prisma.sql`json_build_object('group', i."groupName", 'id', i."cloudId", 'type', i."instanceType", 'zone', i."availabilityZone",
  'privateIp', i."privateIp", 'publicIp', i."publicIp", 'privateDns', i."privateDns", 'publicDns', i."publicDns")`;

export function settledMessage(count: number, target: WaitTarget): string {
  return `All ${count} instance(s) are ${target}`;
}

const targetCase = Prisma.raw(`CASE s."name" ${Object.entries(INSTANCE_WAIT_STEPS).map(([step, target]) => `WHEN '${step}' THEN '${target}'`).join(" ")} END`);
const settledCase = Prisma.raw(
  `CASE p.target ${Object.entries(SETTLED).map(([target, states]) => `WHEN '${target}' THEN ARRAY[${states.map((s) => `'${s}'`).join(", ")}]`).join(" ")} END`,
);

/** An instance as it is after this statement: the pass's update when there is one, else the row. */
const after = (column: string) => Prisma.raw(`CASE WHEN a."id" IS NULL THEN i."${column}" ELSE a."${column}" END`);
const AFTER_JSON = Prisma.sql`json_build_object('group', i."groupName", 'id', i."cloudId", 'type', i."instanceType", 'zone', ${after("availabilityZone")},
  'privateIp', ${after("privateIp")}, 'publicIp', ${after("publicIp")}, 'privateDns', ${after("privateDns")}, 'publicDns', ${after("publicDns")})`;

/**
 * One poller pass, as ONE statement: writes what the pass's Describe calls saw (`rows`; a row is
 * written only if it still holds the state the pass read, so a stale answer never undoes a
 * terminate), advances every parked wait that is over as of those writes, and returns every
 * parked run to wake: advanced ones, waits that ended with an instance gone, and runs asked to
 * cancel.
 */
export async function applyPollerPass(db: Db, rows: SyncRow[], now: Date): Promise<{ runId: string; environmentId: string; advanced: boolean }[]> {
  const column = <K extends keyof SyncRow>(key: K) => rows.map((row) => row[key]);
  return sqlRows<{ runId: string; environmentId: string; advanced: boolean }>(db, Prisma.sql`
    WITH a AS (
      UPDATE "Instance" AS u SET
        "state" = v.state, "privateIp" = v.private_ip, "publicIp" = v.public_ip, "privateDns" = v.private_dns, "publicDns" = v.public_dns,
        "availabilityZone" = v.zone, "lastSeenAt" = ${now},
        "stateChangedAt" = CASE WHEN u."state" <> v.state THEN ${now} ELSE u."stateChangedAt" END, "updatedAt" = ${now}
      FROM unnest(${column("id")}::text[], ${column("readState")}::text[], ${column("state")}::text[], ${column("privateIp")}::text[], ${column("publicIp")}::text[],
                  ${column("privateDns")}::text[], ${column("publicDns")}::text[], ${column("zone")}::text[])
        AS v(id, read_state, state, private_ip, public_ip, private_dns, public_dns, zone)
      WHERE u."id" = v.id AND u."state" = v.read_state
      RETURNING u."id", u."state", u."privateIp", u."publicIp", u."privateDns", u."publicDns", u."availabilityZone"),
    parked AS (
      SELECT r."id" AS run_id, r."environmentId" AS env_id, s."id" AS step_id, s."name" AS step, r."cancelRequestedAt" IS NOT NULL AS cancel, ${targetCase} AS target,
        r."kind"::text IN (${ownKinds}) AS own_only
      FROM "Run" r JOIN "RunStep" s ON s."runId" = r."id" AND s."state" = 'waiting'
      WHERE r."state" = 'running' AND r."leaseOwner" IS NULL),
    due AS (
      SELECT p.*,
        p.target IS NOT NULL AND NOT EXISTS (
          SELECT 1 FROM "Instance" i LEFT JOIN a ON a."id" = i."id"
          WHERE i."environmentId" = p.env_id AND NOT (${after("state")} = ANY(${settledCase}))
            AND NOT (p.own_only AND p.target = 'running' AND i."launchedByRunId" IS DISTINCT FROM p.run_id)) AS over,
        p.target = 'running' AND EXISTS (
          SELECT 1 FROM "Instance" i LEFT JOIN a ON a."id" = i."id"
          WHERE i."environmentId" = p.env_id AND i."launchedByRunId" = p.run_id AND ${after("state")} IN ('terminated', 'shutting-down')) AS died
      FROM parked p),
    wake AS (SELECT * FROM due WHERE cancel OR over),
    good AS (
      SELECT w.*, COALESCE((
        SELECT json_agg(${AFTER_JSON} ORDER BY i."launchedAt", i."cloudId") FROM "Instance" i LEFT JOIN a ON a."id" = i."id"
        WHERE i."environmentId" = w.env_id AND (w.target = 'terminated' OR ${after("state")} <> 'terminated')), '[]'::json) AS instances
      FROM wake w WHERE w.over AND NOT w.died AND NOT w.cancel),
    advanced AS (
      UPDATE "RunStep" AS s SET "state" = 'succeeded', "finishedAt" = ${now}, "output" = json_build_object('instances', g.instances)::jsonb,
        "waitReason" = NULL, "resumeAt" = NULL
      FROM good g WHERE s."id" = g.step_id AND s."state" = 'waiting'
      RETURNING g.run_id, g.step, g.target, json_array_length(g.instances) AS count),
    logged AS (
      INSERT INTO "RunLog" ("runId", "step", "level", "message", "at")
      SELECT x.run_id, x.step, 'info', 'All ' || x.count || ' instance(s) are ' || x.target, ${now} FROM advanced x)
    SELECT w.run_id AS "runId", w.env_id AS "environmentId", EXISTS (SELECT 1 FROM advanced x WHERE x.run_id = w.run_id) AS advanced FROM wake w`);
}
