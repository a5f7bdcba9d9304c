// Presentation helpers shared by server and client components (pure, no I/O).

const ACRONYMS = new Set(["ip", "url", "ssh", "id", "dns", "db", "ttl", "ami"]);

/** "launch_instances" -> "Launch instances", "db_host" -> "DB host". */
export function humanize(name: string): string {
  const words = name.replace(/[_-]+/g, " ").trim().split(/\s+/);
  return words
    .map((word, index) => {
      if (ACRONYMS.has(word.toLowerCase())) return word.toUpperCase();
      return index === 0 ? word.charAt(0).toUpperCase() + word.slice(1) : word.toLowerCase();
    })
    .join(" ");
}

/** A state name as a person reads it: "awaiting_approval" -> "awaiting approval". */
export function stateLabel(state: string): string {
  return state.replace(/_/g, " ");
}

/** Milliseconds as "850 ms", "12.4 s", "3m 05s", "2h 10m". */
export function formatElapsed(ms: number): string {
  if (ms < 0) ms = 0;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds < 10 ? seconds.toFixed(1) : Math.floor(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${String(Math.floor(seconds % 60)).padStart(2, "0")}s`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h ${String(minutes % 60).padStart(2, "0")}m`;
  return `${Math.floor(hours / 24)}d ${hours % 24}h`;
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 86_400_000],
  ["month", 30 * 86_400_000],
  ["week", 7 * 86_400_000],
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
];
const relativeFormat = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

/** "in 8 hours", "3 minutes ago", "just now". */
export function formatRelative(date: Date, now: number = Date.now()): string {
  const diff = date.getTime() - now;
  const abs = Math.abs(diff);
  if (abs < 45_000) return diff > 0 ? "in a few seconds" : "just now";
  for (const [unit, size] of UNITS) {
    if (abs >= size || unit === "minute") return relativeFormat.format(Math.round(diff / size), unit);
  }
  return relativeFormat.format(Math.round(diff / 60_000), "minute");
}

const exactFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "long" });

/** "Nov 23, 2026, 2:05:31 PM UTC" (the viewer's time zone). */
export function formatExact(date: Date): string {
  return exactFormat.format(date);
}

const shortFormat = new Intl.DateTimeFormat("en", { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });

/** "Nov 23, 19:49" (the viewer's time zone). */
export function formatShort(date: Date): string {
  return shortFormat.format(date);
}

export function formatUsd(value: number): string {
  if (value === 0) return "$0";
  if (value < 1) return `$${value.toFixed(4).replace(/0{1,2}$/, "")}`;
  return `$${value.toLocaleString("en", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}
