// How results read in a terminal (aligned tables, relative times, field paths under a message)
// and in scripts (JSON, KEY=value lines). Pure functions: the commands decide what to print.
import type { Issue } from "./errors";

/** Columns padded to their widest cell, two spaces apart, the header first; no trailing spaces. */
export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => (row[column] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column]!)))
      .join("  ")
      .trimEnd();
  return [line(headers), ...rows.map(line)].join("\n") + "\n";
}

export function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** "in 7h 59m", "12m ago", "now": the two largest units, enough to read at a glance. */
export function relativeTime(at: string | Date | null | undefined, now: number): string {
  if (!at) return "-";
  const ms = new Date(at).getTime() - now;
  const seconds = Math.round(Math.abs(ms) / 1000);
  if (seconds < 30) return "now";
  const units: [string, number][] = [["d", 86_400], ["h", 3600], ["m", 60]];
  const parts: string[] = [];
  let rest = seconds;
  for (const [unit, size] of units) {
    if (rest >= size && parts.length < 2) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    } else if (parts.length > 0) break;
  }
  const text = parts.join(" ") || "<1m";
  return ms >= 0 ? `in ${text}` : `${text} ago`;
}

/** A message, then each field's problem on its own line: "  parameters.size: must be one of …". */
export function errorText(message: string, issues: Issue[]): string {
  const extra = issues.filter((issue) => !message.includes(`${issue.path}: ${issue.message}`) || issues.length > 1);
  return [`error: ${message}`, ...extra.map((issue) => `  ${issue.path || "(body)"}: ${issue.message}`)].join("\n") + "\n";
}

/** An output name as an environment variable name: "db-url" → "DB_URL" (with an optional prefix). */
export function variableName(name: string, prefix = ""): string {
  const upper = `${prefix}${name}`.toUpperCase().replace(/[^A-Z0-9_]/g, "_");
  return /^[0-9]/.test(upper) ? `_${upper}` : upper;
}

/** Quotes a value for a POSIX shell only when it needs it. */
export function shellQuote(value: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * Outputs as KEY=value lines, sorted by name. Plain lines suit dotenv files and $GITHUB_ENV;
 * `exported` quotes for the shell (`eval "$(hangar env outputs pr-42 --export)"`). A value with a
 * newline cannot be one plain line: it is quoted either way.
 */
export function outputLines(outputs: Record<string, unknown>, options: { prefix?: string; exported?: boolean } = {}): string {
  return Object.keys(outputs)
    .sort()
    .map((name) => {
      const raw = outputs[name];
      const value = typeof raw === "string" ? raw : JSON.stringify(raw);
      const key = variableName(name, options.prefix);
      return options.exported ? `export ${key}=${shellQuote(value)}` : `${key}=${value.includes("\n") ? shellQuote(value) : value}`;
    })
    .map((line) => `${line}\n`)
    .join("");
}
