// The services forms' values as the API bodies want them, and the API's issues back at fields.
import type { ApiIssue } from "../api-client";

/** A number field's text as the API wants it: a number, left out when empty, else the text (so the API names the field). */
export function numberOrText(text: string): number | string | undefined {
  const trimmed = text.trim();
  if (!trimmed) return undefined;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : trimmed;
}

/** The API's issues by field path; the first message per path wins. */
export function issuesByPath(issues: ApiIssue[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) errors[issue.path] ??= issue.message;
  return errors;
}

/** An id safe for a DOM element from a field path (healthCheck.http.port → healthCheck-http-port). */
export function fieldId(path: string): string {
  return path.replace(/[^A-Za-z0-9_-]/g, "-");
}

export type StrategyValues = { type: "rolling" | "blue-green" | "canary"; batchSize: string; maxUnavailable: string; graceMinutes: string; canaryBy: "count" | "percent"; canary: string; bakeSeconds: string };

export const defaultStrategyValues: StrategyValues = { type: "rolling", batchSize: "1", maxUnavailable: "0", graceMinutes: "15", canaryBy: "count", canary: "1", bakeSeconds: "300" };

export type HealthCheckValues = { http: boolean; path: string; port: string; expectedStatus: string; timeoutSeconds: string };

export type ConfigRow = { id: number; key: string; value: string };

/** The body's defaultStrategy: only the chosen strategy's settings, empty ones left to the API's defaults. */
export function strategyBody(values: StrategyValues): Record<string, unknown> {
  if (values.type === "rolling") return { type: "rolling", batchSize: numberOrText(values.batchSize), maxUnavailable: numberOrText(values.maxUnavailable) };
  if (values.type === "blue-green") return { type: "blue-green", graceMinutes: numberOrText(values.graceMinutes) };
  return { type: "canary", [values.canaryBy]: numberOrText(values.canary), bakeSeconds: numberOrText(values.bakeSeconds) };
}

export function healthCheckBody(values: HealthCheckValues): Record<string, unknown> {
  if (!values.http) return { http: null };
  return { http: { path: values.path, port: numberOrText(values.port), expectedStatus: numberOrText(values.expectedStatus), timeoutSeconds: numberOrText(values.timeoutSeconds) } };
}

/** The rows as the body's config; a key given twice is reported at its path instead. */
export function configBody(rows: ConfigRow[]): { config: Record<string, string>; duplicates: string[] } {
  const config: Record<string, string> = {};
  const duplicates: string[] = [];
  for (const row of rows) {
    const key = row.key.trim();
    if (!key && !row.value) continue;
    if (key in config) duplicates.push(key);
    config[key] = row.value;
  }
  return { config, duplicates };
}
