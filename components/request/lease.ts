// Lease choices offered in the request form: common lengths up to the template's maximum,
// always including the template's default and maximum.
const PRESETS = [3600, 2 * 3600, 4 * 3600, 8 * 3600, 12 * 3600, 86_400, 2 * 86_400, 3 * 86_400, 7 * 86_400, 14 * 86_400, 30 * 86_400];

/** `current`: a lease the form was filled with (remembered, or copied from an environment) stays choosable. */
export function leaseOptions(defaultSeconds: number, maxSeconds: number, current?: number): number[] {
  const extra = current !== undefined && current > 0 && current <= maxSeconds ? [current] : [];
  return [...new Set([...PRESETS.filter((s) => s <= maxSeconds), defaultSeconds, maxSeconds, ...extra])].sort((a, b) => a - b);
}

/** 28800 -> "8 hours", 129600 -> "1 day 12 hours". */
export function describeLease(seconds: number): string {
  const units: [string, number][] = [["week", 604_800], ["day", 86_400], ["hour", 3600], ["minute", 60]];
  const parts: string[] = [];
  let rest = seconds;
  for (const [unit, size] of units) {
    if (unit === "week" && seconds % size !== 0) continue;
    const count = Math.floor(rest / size);
    if (count > 0) {
      parts.push(`${count} ${unit}${count === 1 ? "" : "s"}`);
      rest %= size;
    }
  }
  return parts.slice(0, 2).join(" ") || `${seconds} seconds`;
}
