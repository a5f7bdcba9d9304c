// Lease lengths as people write them: "45m", "8h", "3d", "1h30m", or plain seconds.
// Seconds per unit, in the order the pattern captures them: w, d, h, m, s.
const GROUP_SECONDS = [604_800, 86_400, 3600, 60, 1];
const DURATION = /^(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;

/** Seconds, or null when the text is not a duration. */
export function parseDuration(text: string | number): number | null {
  if (typeof text === "number") return Number.isInteger(text) && text > 0 ? text : null;
  const trimmed = text.trim().toLowerCase();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) > 0 ? Number(trimmed) : null;
  const match = DURATION.exec(trimmed);
  if (!match || trimmed === "") return null;
  const total = match.slice(1).reduce((sum, part, index) => sum + Number(part ?? 0) * GROUP_SECONDS[index]!, 0);
  return total > 0 ? total : null;
}

export function formatDuration(seconds: number): string {
  const parts: string[] = [];
  let rest = seconds;
  for (const [unit, size] of [["d", 86_400], ["h", 3600], ["m", 60], ["s", 1]] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
  }
  return parts.join("") || "0s";
}
