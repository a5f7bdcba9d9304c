// Facts the catalog shows per template, one statement per fact for a whole page (never one per
// template): how long its environments take to become ready, and how many are live.
import type { Tx } from "../db/client";
import { Prisma } from "../db/generated/client";
import { sqlRows } from "../db/sql";
import type { Caller } from "../identity/caller";
import { teamIdsWith } from "../identity/permissions";

/** How many recent runs the median is taken over: recent enough to follow the template's changes. */
export const READY_SAMPLE = 100;

export type ReadyTime = { medianSeconds: number; runs: number };

/**
 * Median time to ready per template, over its last READY_SAMPLE succeeded provision runs: from
 * the request (the provision run is created with the environment, in the same transaction) to
 * the run's success, so queueing and launch-budget waits count, as people experience them.
 * Runs retried after a failure are left out: their time includes a person deciding to retry.
 * Taken over every team's runs: it describes the template (which the caller may see), not anyone's
 * environments.
 */
export async function medianTimesToReady(db: Tx, templateIds: string[]): Promise<Map<string, ReadyTime>> {
  if (templateIds.length === 0) return new Map();
  const rows = await sqlRows<{ templateId: string; medianSeconds: number; runs: number }>(db, Prisma.sql`
    SELECT s.template_id AS "templateId", percentile_cont(0.5) WITHIN GROUP (ORDER BY s.seconds) AS "medianSeconds", count(*)::int AS "runs"
    FROM (
      SELECT v."templateId" AS template_id, EXTRACT(EPOCH FROM r."finishedAt" - r."createdAt")::float8 AS seconds,
        row_number() OVER (PARTITION BY v."templateId" ORDER BY r."finishedAt" DESC) AS n
      FROM "Run" r
      JOIN "Environment" e ON e."id" = r."environmentId"
      JOIN "TemplateVersion" v ON v."id" = e."templateVersionId"
      WHERE v."templateId" = ANY(${templateIds}::text[]) AND r."kind" = 'provision' AND r."state" = 'succeeded'
        AND r."retryCount" = 0 AND r."finishedAt" IS NOT NULL
    ) s
    WHERE s.n <= ${READY_SAMPLE}
    GROUP BY s.template_id`);
  return new Map(rows.map((row) => [row.templateId, { medianSeconds: row.medianSeconds, runs: row.runs }]));
}

/**
 * Live environments per template (any version) in the teams whose environments the caller may
 * read. Live: anything not on its way out or gone (destroying, destroyed) and not failed, so a
 * stopped environment counts and so will states added later.
 */
export async function liveEnvironmentCounts(db: Tx, caller: Caller, templateIds: string[]): Promise<Map<string, number>> {
  const teamIds = teamIdsWith(caller, "environment:read");
  if (templateIds.length === 0 || teamIds.length === 0) return new Map();
  const rows = await sqlRows<{ templateId: string; live: number }>(db, Prisma.sql`
    SELECT v."templateId" AS "templateId", count(*)::int AS "live"
    FROM "Environment" e JOIN "TemplateVersion" v ON v."id" = e."templateVersionId"
    WHERE v."templateId" = ANY(${templateIds}::text[]) AND e."teamId" = ANY(${teamIds}::text[])
      AND e."state" NOT IN ('destroying', 'destroyed', 'failed')
    GROUP BY v."templateId"`);
  return new Map(rows.map((row) => [row.templateId, row.live]));
}
