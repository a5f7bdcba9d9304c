// The run engine: executes a Run's named steps in order, memoising each finished step in
// RunStep so a retried or resumed job skips what is done. It never sleeps holding a worker: a
// step that must wait for the cloud returns `wait`, and the caller parks the job until the
// poller wakes it. Queue-agnostic: workers/ maps the outcome onto BullMQ.
import type { Db } from "../db/client";
import type { Environment, EnvironmentState, Run } from "../db/generated/client";
import { LogBuffer, type LogLevel } from "./log-buffer";
import { appendRunLog } from "./run-log";
import type { RunNotifier } from "./run-events";
import { beginStep, finishRun, insertLogs, loadRun, settleStep, startRun, type StepRow, type StepSettlement } from "./run-writes";

export type StepOutcome =
  | { status: "done"; output?: unknown }
  /** `isOver` lets the caller re-check once the run is parked, closing the race with a wake-up. */
  | { status: "wait"; retryInMs: number; isOver?: () => Promise<boolean> };

export type StepContext<S> = {
  db: Db;
  run: Run;
  environment: Environment;
  step: { name: string; attempt: number; output: unknown };
  services: S;
  /** Buffered briefly and written in order (within ~200 ms, or with the step's next state). */
  log(message: string, level?: LogLevel): Promise<void>;
  /** The stored output of an earlier, finished step of this run. */
  outputOf<T>(stepName: string): T | undefined;
  /** Progress of the current step, stored with its next state (waiting or done) and read back as step.output on resume. */
  saveProgress(output: unknown): Promise<void>;
};

export type StepHandler<S> = (context: StepContext<S>) => Promise<StepOutcome>;

export type RunDefinition<S> = {
  steps: readonly { name: string; run: StepHandler<S> }[];
  /** The environment's state while this kind of run executes. */
  activeState: EnvironmentState;
};

export type EngineResult =
  | { status: "finished"; state: "succeeded" | "failed" | "canceled" }
  | { status: "wait"; retryInMs: number; isOver?: () => Promise<boolean> }
  | { status: "blocked"; retryInMs: number; reason: string }
  | { status: "ignored"; reason: string };

export type ErrorClass = "retryable" | "permanent";

export type EngineOptions<S> = {
  db: Db;
  notifier: RunNotifier;
  services: S;
  classifyError: (error: unknown) => ErrorClass;
  /** False on the job's last attempt: a retryable error then fails the run instead. */
  canRetry: boolean;
};

/** Thrown so the queue retries the job with backoff; the run stays `running`. */
export class RetryLater extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "RetryLater";
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Executes the run with the definition for its kind (`definitionFor` throws for unknown kinds). */
export async function executeRun<S>(runId: string, definitionFor: (kind: Run["kind"]) => RunDefinition<S>, options: EngineOptions<S>): Promise<EngineResult> {
  const { db, notifier } = options;
  const run = await loadRun(db, runId);
  if (!run) return { status: "ignored", reason: "run not found" };
  if (run.state !== "queued" && run.state !== "running") return { status: "ignored", reason: `run is already ${run.state}` };
  const definition = definitionFor(run.kind);
  if (run.cancelRequestedAt) return finishCanceled(options, run);

  const environment = await startRun(db, run, definition.activeState);
  if (!environment) return { status: "blocked", retryInMs: 2000, reason: "another run of this environment holds it or is ahead in line" };
  if (run.state === "queued") notifier.environmentChanged(environment.id, "run");

  const outputs = new Map<string, unknown>(run.steps.filter((s) => s.state === "succeeded").map((s) => [s.name, s.output]));
  // A finished step's record is written with the next statement (the next step's start, or the
  // run's end): if the worker dies in between, the step runs again, which steps allow.
  let settled: StepSettlement | undefined;
  for (const stepDefinition of definition.steps) {
    const row = run.steps.find((s) => s.name === stepDefinition.name);
    if (!row) throw new Error(`run ${run.id} has no step row ${stepDefinition.name}`);
    if (row.state === "succeeded" || row.state === "skipped") continue;

    // Cancel is honoured only at a step boundary, so the environment is never half-changed.
    const begun = await beginStep(db, run.id, row, settled);
    settled = undefined;
    if (begun.canceled) return finishCanceled(options, run);
    notifier.environmentChanged(environment.id, "step");

    // Steps read what earlier steps changed from Postgres themselves; `environment` is the
    // row as the run found it (id, account, region, plan, parameters do not change).
    const outcome = await runStep(options, { run, environment, row, handler: stepDefinition.run, outputs, attempt: begun.attempt });
    if (outcome.status !== "done") return outcome;
    outputs.set(row.name, outcome.output);
    settled = outcome.settlement;
  }

  await finishRun(db, run, settled);
  notifier.environmentChanged(run.environmentId, "run");
  return { status: "finished", state: "succeeded" };
}

type StepRunInput<S> = { run: Run; environment: Environment; row: StepRow; handler: StepHandler<S>; outputs: Map<string, unknown>; attempt: number };

async function runStep<S>(options: EngineOptions<S>, input: StepRunInput<S>): Promise<EngineResult | { status: "done"; output: unknown; settlement: StepSettlement }> {
  const { db, notifier } = options;
  const { run, environment, row, attempt } = input;
  const logs = new LogBuffer(async (lines) => {
    await insertLogs(db, lines);
    notifier.environmentChanged(environment.id, "log");
  });
  let progress: unknown = row.output;
  const context: StepContext<S> = {
    db,
    run,
    environment,
    services: options.services,
    step: { name: row.name, attempt, output: row.output },
    log: (message, level = "info") => {
      logs.add({ runId: run.id, step: row.name, level, message });
      return Promise.resolve();
    },
    outputOf: <T>(name: string) => input.outputs.get(name) as T | undefined,
    saveProgress: (output) => {
      progress = output;
      return Promise.resolve();
    },
  };

  let outcome: StepOutcome;
  try {
    outcome = await input.handler(context);
  } catch (error) {
    await logs.flush().catch(() => undefined);
    return handleStepError(options, input, attempt, error);
  }

  const pending = await logs.take();
  if (outcome.status === "wait") {
    await settleStep(db, { stepId: row.id, state: "waiting", output: progress, logs: pending });
    notifier.environmentChanged(environment.id, "step");
    return { status: "wait", retryInMs: outcome.retryInMs, ...(outcome.isOver ? { isOver: outcome.isOver } : {}) };
  }
  const output = outcome.output ?? progress ?? null;
  return { status: "done", output, settlement: { stepId: row.id, state: "succeeded", output, logs: pending } };
}

async function handleStepError<S>(options: EngineOptions<S>, input: StepRunInput<S>, attempt: number, error: unknown): Promise<EngineResult> {
  const { db, notifier } = options;
  const { run, environment, row } = input;
  const message = errorMessage(error);
  const retry = options.classifyError(error) === "retryable" && options.canRetry;
  if (retry) {
    const line = { runId: run.id, step: row.name, level: "warn" as const, at: new Date(), message: `Attempt ${attempt} failed, will retry: ${message}` };
    await settleStep(db, { stepId: row.id, state: "running", output: row.output, error: message, logs: [line] });
    notifier.environmentChanged(environment.id, "log");
    throw new RetryLater(message, { cause: error });
  }
  await appendRunLog(db, notifier, { runId: run.id, step: row.name, level: "error", environmentId: environment.id, message: `Failed: ${message}` });
  const now = new Date();
  await db.$transaction([
    db.runStep.update({ where: { id: row.id }, data: { state: "failed", finishedAt: now, error: message } }),
    db.runStep.updateMany({ where: { runId: run.id, state: "pending" }, data: { state: "skipped" } }),
    db.run.update({ where: { id: run.id }, data: { state: "failed", finishedAt: now, error: message, failedStep: row.name } }),
    db.environment.updateMany({
      where: { id: environment.id, activeRunId: run.id },
      data: { state: "failed", failedStep: row.name, failureReason: message, activeRunId: null },
    }),
  ]);
  notifier.environmentChanged(environment.id, "run");
  return { status: "finished", state: "failed" };
}

async function finishCanceled<S>(options: EngineOptions<S>, run: Run): Promise<EngineResult> {
  const now = new Date();
  await options.db.$transaction([
    options.db.runStep.updateMany({ where: { runId: run.id, state: { in: ["pending", "running", "waiting"] } }, data: { state: "skipped", finishedAt: now } }),
    options.db.run.update({ where: { id: run.id }, data: { state: "canceled", finishedAt: now } }),
    options.db.environment.updateMany({ where: { id: run.environmentId, activeRunId: run.id }, data: { activeRunId: null } }),
  ]);
  await appendRunLog(options.db, options.notifier, { runId: run.id, environmentId: run.environmentId, step: null, level: "warn", message: "Run canceled" });
  options.notifier.environmentChanged(run.environmentId, "run");
  return { status: "finished", state: "canceled" };
}
