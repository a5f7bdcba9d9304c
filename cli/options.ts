// Option values checked while the command line is parsed: a bad value is a usage error (exit 2)
// before anything is sent.
import { InvalidArgumentError, type Command } from "commander";
import { parseDuration } from "../lib/templates/durations";

/** "20m", "8h", "1d12h" or seconds → seconds. */
export function durationArgument(value: string): number {
  const seconds = parseDuration(value);
  if (seconds === null) throw new InvalidArgumentError("must be a duration like 90s, 20m, 8h or 3d");
  return seconds;
}

/** Repeatable `key=value`, collected in order. */
export function keyValueArgument(value: string, previous: [string, string][] = []): [string, string][] {
  const equals = value.indexOf("=");
  if (equals <= 0) throw new InvalidArgumentError(`'${value}' must be key=value`);
  return [...previous, [value.slice(0, equals).trim(), value.slice(equals + 1)]];
}

export function isoTimeArgument(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) || Number.isNaN(Date.parse(value))) {
    throw new InvalidArgumentError("must be an ISO 8601 time with a zone, such as 2026-12-24T18:00:00Z");
  }
  return new Date(value).toISOString();
}

export function positiveIntegerArgument(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError("must be a whole number of at least 1");
  return Number(value);
}

/** Every command takes --json: one machine-readable answer on stdout (and errors as JSON on stderr). */
export function withJson(command: Command): Command {
  return command.option("--json", "print the result as JSON (stable, for scripts)");
}

/** The "Examples:" block git-style help ends with. */
export function examples(lines: [string, string][]): string {
  return `\nExamples:\n${lines.map(([comment, line]) => `  # ${comment}\n  $ ${line}\n`).join("")}`;
}

export type JsonOption = { json?: boolean };
