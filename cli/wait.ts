// --wait: polls the environment until it reaches the wanted state (exit 0), fails (exit 1 with
// the failed step and its error) or the timeout runs out (exit 124). Progress goes to stderr, so
// stdout keeps only the result. A server that drops out for a moment is polled again until the
// deadline: a CI job should not fail because the web server restarted.
import type { ApiClient } from "./client";
import { ApiError, CliError, TimeoutError } from "./errors";
import type { EnvironmentDetail } from "./api-types";
import type { Io } from "./io";
import { formatDuration } from "../lib/templates/durations";
import { failureText, isBusy, progressLine } from "./progress";

export const POLL_MS = 1000;

export async function waitForState(
  client: ApiClient,
  io: Io,
  environmentId: string,
  wanted: "ready" | "destroyed",
  options: { timeoutSeconds: number; pollMs?: number },
): Promise<EnvironmentDetail> {
  const deadline = io.now() + options.timeoutSeconds * 1000;
  let lastLine = "";
  let outage: string | undefined;
  for (;;) {
    let environment: EnvironmentDetail | undefined;
    try {
      environment = await client.get<EnvironmentDetail>(`/api/v1/environments/${encodeURIComponent(environmentId)}`);
      outage = undefined;
    } catch (error) {
      if (!transient(error)) throw error;
      if (outage === undefined) io.err(`warning: ${(error as Error).message}; trying again until the timeout\n`);
      outage = (error as Error).message;
    }
    if (environment) {
      const line = progressLine(environment);
      if (line !== lastLine) io.err(`${line}\n`);
      lastLine = line;
      const moving = isBusy(environment);
      if (environment.state === wanted && !moving) return environment;
      if (environment.state === "failed" && !moving) throw new CliError(failureText(environment), 1, "failed");
      if (wanted === "ready" && (environment.state === "destroying" || environment.state === "destroyed")) {
        throw new CliError(`Environment ${environment.name} is ${environment.state}: it will not become ready`, 1, "failed");
      }
    }
    if (io.now() >= deadline) {
      const where = environment ? `it is ${environment.state}` : `the server could not be reached: ${outage}`;
      throw new TimeoutError(`Timed out after ${formatDuration(options.timeoutSeconds)} waiting for ${environment?.name ?? environmentId} to be ${wanted} (${where})`);
    }
    await io.sleep(Math.min(options.pollMs ?? POLL_MS, Math.max(0, deadline - io.now())));
  }
}

/** Worth another try: the server unreachable or answering 5xx (a restart, a proxy in between). */
export function transient(error: unknown): boolean {
  if (error instanceof ApiError) return error.status >= 500;
  return error instanceof CliError && error.code === "unreachable";
}
