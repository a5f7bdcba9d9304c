// Presentation of DORA figures, shared by the metric cards and the charts (pure).
import type { DoraBand } from "@/lib/deployments/dora-bands";

export const BAND_LABEL: Record<DoraBand, string> = { elite: "Elite", high: "High", medium: "Medium", low: "Low" };

export const BAND_STYLE: Record<DoraBand, string> = {
  elite: "bg-emerald-50 text-emerald-700 ring-emerald-600/20",
  high: "bg-blue-50 text-blue-700 ring-blue-600/20",
  medium: "bg-amber-50 text-amber-800 ring-amber-600/20",
  low: "bg-red-50 text-red-700 ring-red-600/20",
};

/** Seconds as "45 s", "12 min", "9.5 h", "3.2 days"; "—" for none. */
export function formatSeconds(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return "—";
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 86_400) return `${round1(seconds / 3600)} h`;
  return `${round1(seconds / 86_400)} days`;
}

/** A 0..1 rate as "37.5 %"; "—" for none. */
export function formatRate(rate: number | null | undefined): string {
  if (rate === null || rate === undefined) return "—";
  return `${round1(rate * 100)} %`;
}

/** A per-day average as "0.71 a day" or, under one a week, "1.4 a week". */
export function formatPerDay(perDay: number): string {
  if (perDay === 0) return "none";
  if (perDay >= 1 / 7) return `${round2(perDay)} a day`;
  return `${round1(perDay * 7)} a week`;
}

/** "2026-06-24" -> "Jun 24" (the day is UTC; so is the label). */
export function formatDay(day: string): string {
  return new Date(`${day}T00:00:00Z`).toLocaleDateString("en", { month: "short", day: "numeric", timeZone: "UTC" });
}


const round1 = (value: number) => Math.round(value * 10) / 10;
const round2 = (value: number) => Math.round(value * 100) / 100;
