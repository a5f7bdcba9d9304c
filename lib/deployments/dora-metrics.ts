// A service's DORA metrics over a window of UTC days, computed by Postgres in one statement:
// deployment frequency, lead time for changes, change failure rate and time to restore, each as
// a figure for the window, a series per day and a performance band (dora-bands.ts).
//
// What counts: deployments to the service's last pipeline stage's environment (its production)
// when the service has a pipeline, otherwise to any of its environments. A deployment counts on
// the day it finished; only finished ones count (succeeded, failed, rolled_back: canceled ones
// and those awaiting confirmation or still running are not changes that reached anyone).
// - frequency: succeeded deployments;
// - lead time: release created -> its first succeeded deployment in scope (a rollback to an old
//   release is not a new change), for releases that first went live in the window;
// - change failure rate: (failed + rolled_back) / finished;
// - time to restore: for each failed or rolled-back deployment in the window, the time until the
//   next succeeded deployment on the same environment (not yet restored: counted apart).
import type { Tx } from "../db/client";
import { Prisma } from "../db/generated/client";
import { sqlRows } from "../db/sql";
import type { Caller } from "../identity/caller";
import { findReadableService } from "../services/find-service";
import {
  failureRateBand,
  frequencyBand,
  leadTimeBand,
  restoreBand,
  windowRange,
  type DoraBand,
  type DoraWindow,
} from "./dora-bands";

export type DoraMetrics = {
  service: { id: string; name: string };
  window: DoraWindow;
  from: string;
  to: string;
  days: number;
  /** Which deployments count: the last pipeline stage's environment, or every environment. */
  scope: { kind: "last_stage"; stage: { id: string; name: string }; environment: { id: string; name: string } } | { kind: "all_environments" };
  deploymentFrequency: { total: number; perDay: number; band: DoraBand | null; series: { day: string; deployments: number }[] };
  leadTime: {
    releases: number;
    medianSeconds: number | null;
    p90Seconds: number | null;
    band: DoraBand | null;
    series: { day: string; releases: number; medianSeconds: number | null }[];
  };
  changeFailureRate: {
    finished: number;
    failed: number;
    rate: number | null;
    band: DoraBand | null;
    series: { day: string; finished: number; failed: number; rate: number | null }[];
  };
  timeToRestore: {
    restored: number;
    unrestored: number;
    medianSeconds: number | null;
    band: DoraBand | null;
    series: { day: string; restored: number; medianSeconds: number | null }[];
  };
};

type Row = {
  day: string | null;
  deployments: number;
  releases: number;
  lead_median: number | null;
  lead_p90: number | null;
  finished: number;
  failed: number;
  restored: number;
  unrestored: number;
  restore_median: number | null;
};

/** One row per day of the window plus one (day null) for the whole window. */
function metricsStatement(serviceId: string, environmentIds: string[], from: Date, to: Date, lastDay: Date): Prisma.Sql {
  return Prisma.sql`
    WITH finished AS (
      SELECT "releaseId" AS release_id, "environmentId" AS environment_id, "state"::text AS state, "finishedAt" AS at
      FROM "Deployment"
      WHERE "serviceId" = ${serviceId}
        AND "state" IN ('succeeded', 'failed', 'rolled_back')
        AND "finishedAt" <= ${to}::timestamp
        AND (cardinality(${environmentIds}::text[]) = 0 OR "environmentId" = ANY(${environmentIds}::text[]))
    ),
    windowed AS (SELECT * FROM finished WHERE at >= ${from}::timestamp),
    frequency AS (
      SELECT date_trunc('day', at) AS day, count(*)::int AS deployments
      FROM windowed WHERE state = 'succeeded'
      GROUP BY GROUPING SETS ((date_trunc('day', at)), ())
    ),
    failures AS (
      SELECT date_trunc('day', at) AS day, count(*)::int AS finished, (count(*) FILTER (WHERE state <> 'succeeded'))::int AS failed
      FROM windowed
      GROUP BY GROUPING SETS ((date_trunc('day', at)), ())
    ),
    first_live AS (
      SELECT first.at, extract(epoch FROM first.at - r."createdAt")::float8 AS seconds
      FROM (SELECT release_id, min(at) AS at FROM finished WHERE state = 'succeeded' GROUP BY release_id) first
      JOIN "Release" r ON r."id" = first.release_id
      WHERE first.at >= ${from}::timestamp
    ),
    lead AS (
      SELECT date_trunc('day', at) AS day, count(*)::int AS releases,
        (percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds))::float8 AS median,
        (percentile_cont(0.9) WITHIN GROUP (ORDER BY seconds))::float8 AS p90
      FROM first_live
      GROUP BY GROUPING SETS ((date_trunc('day', at)), ())
    ),
    -- Newest first per environment, so the next success is the minimum over the rows before
    -- (a frame with a fixed start is aggregated incrementally, not once per row).
    outcomes AS (
      SELECT at, state,
        min(at) FILTER (WHERE state = 'succeeded') OVER (PARTITION BY environment_id ORDER BY at DESC ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS next_success
      FROM finished
    ),
    restores AS (
      SELECT date_trunc('day', at) AS day, extract(epoch FROM next_success - at)::float8 AS seconds
      FROM outcomes WHERE state <> 'succeeded' AND at >= ${from}::timestamp
    ),
    restore AS (
      SELECT day, count(seconds)::int AS restored, (count(*) - count(seconds))::int AS unrestored,
        (percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds))::float8 AS median
      FROM restores
      GROUP BY GROUPING SETS ((day), ())
    ),
    days AS (
      SELECT generate_series(${from}::timestamp, ${lastDay}::timestamp, interval '1 day') AS day
      UNION ALL SELECT NULL
    )
    SELECT to_char(days.day, 'YYYY-MM-DD') AS day,
      coalesce(f.deployments, 0) AS deployments,
      coalesce(l.releases, 0) AS releases, l.median AS lead_median, l.p90 AS lead_p90,
      coalesce(x.finished, 0) AS finished, coalesce(x.failed, 0) AS failed,
      coalesce(r.restored, 0) AS restored, coalesce(r.unrestored, 0) AS unrestored, r.median AS restore_median
    FROM days
    LEFT JOIN frequency f ON f.day IS NOT DISTINCT FROM days.day
    LEFT JOIN failures x ON x.day IS NOT DISTINCT FROM days.day
    LEFT JOIN lead l ON l.day IS NOT DISTINCT FROM days.day
    LEFT JOIN restore r ON r.day IS NOT DISTINCT FROM days.day
    ORDER BY days.day NULLS FIRST`;
}

/** The service's last pipeline stage (its production), or null when it has no pipeline. */
async function lastStage(db: Tx, serviceId: string) {
  return db.pipelineStage.findFirst({
    where: { serviceId },
    orderBy: { position: "desc" },
    select: { id: true, name: true, environment: { select: { id: true, name: true } } },
  });
}

const rate = (failed: number, finished: number) => (finished === 0 ? null : failed / finished);

/** DORA metrics of a service the caller's teams may read (another team's is a 404). */
export async function getDoraMetrics(db: Tx, caller: Caller, input: { service: string; window: DoraWindow; now?: Date }): Promise<DoraMetrics> {
  const service = await findReadableService(db, caller, input.service);
  const stage = await lastStage(db, service.id);
  const { from, to, lastDay, days } = windowRange(input.window, input.now ?? new Date());
  const rows = await sqlRows<Row>(db, metricsStatement(service.id, stage ? [stage.environment.id] : [], from, to, lastDay));
  const [total, ...perDay] = rows;
  if (!total || total.day !== null) throw new Error("DORA metrics statement returned no total row");
  const perDayAverage = total.deployments / days;
  return {
    service: { id: service.id, name: service.name },
    window: input.window,
    from: from.toISOString(),
    to: to.toISOString(),
    days,
    scope: stage ? { kind: "last_stage", stage: { id: stage.id, name: stage.name }, environment: stage.environment } : { kind: "all_environments" },
    deploymentFrequency: {
      total: total.deployments,
      perDay: perDayAverage,
      band: frequencyBand(perDayAverage, total.deployments),
      series: perDay.map((row) => ({ day: row.day!, deployments: row.deployments })),
    },
    leadTime: {
      releases: total.releases,
      medianSeconds: total.lead_median,
      p90Seconds: total.lead_p90,
      band: leadTimeBand(total.lead_median),
      series: perDay.map((row) => ({ day: row.day!, releases: row.releases, medianSeconds: row.lead_median })),
    },
    changeFailureRate: {
      finished: total.finished,
      failed: total.failed,
      rate: rate(total.failed, total.finished),
      band: failureRateBand(rate(total.failed, total.finished)),
      series: perDay.map((row) => ({ day: row.day!, finished: row.finished, failed: row.failed, rate: rate(row.failed, row.finished) })),
    },
    timeToRestore: {
      restored: total.restored,
      unrestored: total.unrestored,
      medianSeconds: total.restore_median,
      band: restoreBand(total.restore_median),
      series: perDay.map((row) => ({ day: row.day!, restored: row.restored, medianSeconds: row.restore_median })),
    },
  };
}
