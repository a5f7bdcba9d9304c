// A run as the API, the page and the live stream show it: steps with timings and why a parked
// step waits, its place in its environment's queue, and what the caller may do with it.
import type { Run, RunStep } from "../db/generated/client";
import { RUN_STEPS } from "./run-steps";

export type RunStepView = {
  name: string;
  state: string;
  attempt: number;
  startedAt: Date | null;
  finishedAt: Date | null;
  error: string | null;
  /** A parked step: why it waits and when it expects to resume (e.g. the account's launch budget). */
  waitReason: string | null;
  resumeAt: Date | null;
};

export type RunView = {
  id: string;
  kind: string;
  state: string;
  error: string | null;
  failedStep: string | null;
  requestedBy: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  retryCount: number;
  /** For a queued run: how many runs of its environment are ahead of it. */
  queuePosition: number | null;
  /** Cancel was asked; the run stops at its next step boundary. */
  canceling: boolean;
  canCancel: boolean;
  /** The step a retry would start from, when the caller may retry this run now. */
  retryFrom: string | null;
  steps: RunStepView[];
};

type RunRow = Run & { steps: RunStep[]; requestedBy: { email: string } | null };

/**
 * `runs` newest first (all of the environment's active runs among them); `environmentState` and
 * `canWrite` decide what may be done.
 */
export function runViews(runs: RunRow[], environment: { state: string }, canWrite: boolean): RunView[] {
  const inLine = runs.filter((r) => r.state === "queued" || r.state === "running").sort((a, b) => +a.createdAt - +b.createdAt || a.id.localeCompare(b.id));
  return runs.map((run, index) => {
    const active = run.state === "queued" || run.state === "running";
    const retryable =
      canWrite && index === 0 && environment.state === "failed" && (run.state === "failed" || run.state === "canceled") && run.kind in RUN_STEPS;
    const steps = [...run.steps].sort((a, b) => a.position - b.position);
    return {
      id: run.id,
      kind: run.kind,
      state: run.state,
      error: run.error,
      failedStep: run.failedStep,
      requestedBy: run.requestedBy?.email ?? null,
      createdAt: run.createdAt,
      startedAt: run.startedAt,
      finishedAt: run.finishedAt,
      retryCount: run.retryCount,
      queuePosition: run.state === "queued" ? inLine.findIndex((r) => r.id === run.id) : null,
      canceling: active && run.cancelRequestedAt !== null,
      canCancel: canWrite && active && run.cancelRequestedAt === null,
      retryFrom: retryable ? (run.failedStep ?? steps.find((s) => s.state !== "succeeded")?.name ?? null) : null,
      steps: steps.map((s) => ({
        name: s.name,
        state: s.state,
        attempt: s.attempt,
        startedAt: s.startedAt,
        finishedAt: s.finishedAt,
        error: s.error,
        waitReason: s.state === "waiting" ? s.waitReason : null,
        resumeAt: s.state === "waiting" ? s.resumeAt : null,
      })),
    };
  });
}
