// How the catalog words its figures (pure, shared by the page and its tests).
import type { CostRange } from "@/lib/templates/cost-range";

/** Cents, or a tenth of a cent below one cent: "$0.01", "$0.17", "$1.04", "$0.005". */
export function formatHourlyUsd(value: number): string {
  if (value > 0 && value < 0.01) return `$${value.toFixed(3)}`;
  return `$${value.toFixed(2)}`;
}

/** "$0.01–$0.17/h", or "$0.04/h" when every choice costs the same. */
export function formatCostRange(cost: Pick<CostRange, "minUsdPerHour" | "maxUsdPerHour">): string {
  const low = formatHourlyUsd(cost.minUsdPerHour);
  const high = formatHourlyUsd(cost.maxUsdPerHour);
  return low === high ? `${low}/h` : `${low}–${high}/h`;
}

/** Roughly, as a person says it: "48 s", "3 min", "1.5 h". */
export function formatApproxSeconds(seconds: number): string {
  if (seconds < 90) return `${Math.max(1, Math.round(seconds))} s`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1).replace(/\.0$/, "")} h`;
}
