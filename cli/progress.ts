// What an environment is doing, read from its detail: whether a run still moves it, whether it
// has settled, and why it failed (the failed step's name and error).
import type { EnvironmentDetail } from "./api-types";

/** States a run is still moving the environment through. */
const MOVING = new Set(["requested", "provisioning", "destroying", "updating", "starting", "stopping"]);

export function isBusy(environment: EnvironmentDetail): boolean {
  return environment.runs.some((run) => run.state === "queued" || run.state === "running");
}

/** Nothing will change without someone asking: no run in flight and not in a moving state. */
export function isSettled(environment: EnvironmentDetail): boolean {
  return !isBusy(environment) && !MOVING.has(environment.state);
}

/** "step launch_instances: InsufficientInstanceCapacity …", from the environment or its latest run. */
export function failureOf(environment: EnvironmentDetail): { step: string | null; error: string } {
  const run = environment.runs.find((r) => r.state === "failed" || r.state === "canceled") ?? environment.runs[0];
  const failedStep = run?.steps.find((s) => s.state === "failed");
  const step = environment.failedStep ?? run?.failedStep ?? failedStep?.name ?? null;
  const error = environment.failureReason ?? run?.error ?? failedStep?.error ?? "no reason recorded";
  return { step, error };
}

export function failureText(environment: EnvironmentDetail): string {
  const { step, error } = failureOf(environment);
  return `Environment ${environment.name} failed${step ? ` at step ${step}` : ""}: ${error}`;
}

/** A short line for progress output: the state and, while a run moves, its current step. */
export function progressLine(environment: EnvironmentDetail): string {
  const run = environment.runs.find((r) => r.state === "running" || r.state === "queued");
  const step = run?.steps.find((s) => s.state === "running" || s.state === "waiting");
  const detail = step ? ` (${run!.kind}: ${step.name}${step.waitReason ? ` — ${step.waitReason}` : ""})` : run?.state === "queued" ? ` (${run.kind} queued)` : "";
  return `${environment.name}: ${environment.state}${detail}`;
}
