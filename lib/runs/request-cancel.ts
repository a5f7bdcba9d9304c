// Asking runs to cancel (callers hold the environment's lock). A queued run has not touched
// anything yet (since it was queued): it ends at once (and an
// environment whose provision never started is left `failed`, ready for a retry or a destroy).
// A running run is flagged; its worker stops at the next step boundary (a parked run is woken
// by the caller so it notices now) and records which state it left.
import type { Tx } from "../db/client";
import { Prisma } from "../db/generated/client";
import { sqlRows } from "../db/sql";

export type CancelRequests = { canceled: string[]; canceling: string[] };

export async function requestCancel(tx: Tx, runIds: string[], reason: string, now = new Date()): Promise<CancelRequests> {
  if (runIds.length === 0) return { canceled: [], canceling: [] };
  const rows = await sqlRows<{ id: string; outcome: "canceled" | "canceling" }>(tx, Prisma.sql`
    WITH ended AS (
      UPDATE "Run" r SET "state" = 'canceled', "finishedAt" = ${now}, "cancelRequestedAt" = ${now}, "cancelReason" = ${reason},
        "error" = ${`${reason} before it started`}, "updatedAt" = ${now},
        "failedStep" = (SELECT s."name" FROM "RunStep" s WHERE s."runId" = r."id" AND s."state" <> 'succeeded' ORDER BY s."position" LIMIT 1)
      WHERE r."id" = ANY(${runIds}::text[]) AND r."state" = 'queued'
      RETURNING r."id", r."environmentId", r."failedStep"),
    skipped AS (
      UPDATE "RunStep" SET "state" = 'skipped', "finishedAt" = ${now}
      WHERE "runId" IN (SELECT "id" FROM ended) AND "state" IN ('pending', 'running', 'waiting')),
    unstarted AS (
      UPDATE "Environment" e SET "state" = 'failed', "failedStep" = ended."failedStep",
        "failureReason" = ${`${reason} before it started. Left: no instances exist`}, "updatedAt" = ${now}
      FROM ended WHERE e."id" = ended."environmentId" AND e."state" = 'requested' AND e."activeRunId" IS NULL),
    flagged AS (
      UPDATE "Run" SET "cancelRequestedAt" = ${now}, "cancelReason" = ${reason}, "updatedAt" = ${now}
      WHERE "id" = ANY(${runIds}::text[]) AND "state" = 'running' AND "cancelRequestedAt" IS NULL
      RETURNING "id")
    SELECT "id", 'canceled' AS outcome FROM ended UNION ALL SELECT "id", 'canceling' AS outcome FROM flagged`);
  return { canceled: rows.filter((r) => r.outcome === "canceled").map((r) => r.id), canceling: rows.filter((r) => r.outcome === "canceling").map((r) => r.id) };
}
