// The DORA metrics' windows and performance bands: pure, so the API, the page and the chart
// share them (the client chart imports only this file and types).
import { z } from "zod";

export const DORA_WINDOWS = ["7d", "30d", "90d"] as const;
export type DoraWindow = (typeof DORA_WINDOWS)[number];
export const DEFAULT_DORA_WINDOW: DoraWindow = "30d";

export const doraMetricsQuerySchema = z
  .object({
    window: z.enum(DORA_WINDOWS, "must be 7d, 30d or 90d").default(DEFAULT_DORA_WINDOW),
  })
  .strict();

export type DoraMetricsQuery = z.infer<typeof doraMetricsQuerySchema>;

export function windowDays(window: DoraWindow): number {
  return Number(window.slice(0, -1));
}

export const DAY_MS = 86_400_000;

/**
 * The window's UTC days: the last `days` calendar days (UTC) including today, from midnight of
 * the first to `now`. A deployment counts on the UTC day it finished.
 */
export function windowRange(window: DoraWindow, now: Date): { from: Date; to: Date; lastDay: Date; days: number } {
  const days = windowDays(window);
  const lastDay = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  return { from: new Date(lastDay.getTime() - (days - 1) * DAY_MS), to: now, lastDay, days };
}

export type DoraBand = "elite" | "high" | "medium" | "low";

const HOUR = 3600;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
const MONTH = 30 * DAY;

// Thresholds of the 2023 Accelerate State of DevOps Report (DORA, Google Cloud), "Software
// delivery performance" clusters, made contiguous where the report's ranges overlap or leave gaps:
//   deployment frequency: elite "on demand (multiple deploys per day)", high "between once per
//     day and once per week", medium "between once per week and once per month", low less often
//     -> elite >= 1/day, high >= 1/week, medium >= 1/month (30 days), else low;
//   lead time for changes: elite "less than one day", high "between one day and one week",
//     medium "between one week and one month", low longer
//     -> elite < 1 day, high <= 1 week, medium <= 30 days, else low;
//   change failure rate: elite 5 %, high 10 %, medium 15 %, low 64 %
//     -> elite <= 5 %, high <= 10 %, medium <= 15 %, else low;
//   failed deployment recovery time (time to restore): elite "less than one hour", high "less
//     than one day", medium "between one day and one week", low longer
//     -> elite < 1 hour, high < 1 day, medium <= 1 week, else low.
// Lead time here starts when the release is created (Hangar does not see commits land).

/** Band of a per-day average of successful deployments; null when there were none to judge. */
export function frequencyBand(perDay: number, total: number): DoraBand | null {
  if (total === 0) return null;
  if (perDay >= 1) return "elite";
  if (perDay >= 1 / 7) return "high";
  if (perDay >= 1 / 30) return "medium";
  return "low";
}

export function leadTimeBand(medianSeconds: number | null): DoraBand | null {
  if (medianSeconds === null) return null;
  if (medianSeconds < DAY) return "elite";
  if (medianSeconds <= WEEK) return "high";
  if (medianSeconds <= MONTH) return "medium";
  return "low";
}

export function failureRateBand(rate: number | null): DoraBand | null {
  if (rate === null) return null;
  if (rate <= 0.05) return "elite";
  if (rate <= 0.1) return "high";
  if (rate <= 0.15) return "medium";
  return "low";
}

export function restoreBand(medianSeconds: number | null): DoraBand | null {
  if (medianSeconds === null) return null;
  if (medianSeconds < HOUR) return "elite";
  if (medianSeconds < DAY) return "high";
  if (medianSeconds <= WEEK) return "medium";
  return "low";
}
