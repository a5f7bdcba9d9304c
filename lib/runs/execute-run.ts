// The run engine: claims a run (its lease and its environment's), executes its named steps in
// order, memoising each finished step in RunStep so a retried or resumed job skips what is done.
// It never sleeps holding a worker: a step that must wait returns `wait`, and the caller parks
// the job until something wakes it (the instance poller, the account's budget, a cancel).
// Every write is fenced by the run's lease (run-writer.ts), so a worker that lost the run stops
// at its next write. Queue-agnostic: workers/ maps the result onto BullMQ.
import type { Db } from "../db/client";
import { isDatabaseUnavailable } from "../db/unavailable";
import type { Run } from "../db/generated/client";
import { claimRun, type StepRow } from "./claim-run";
import { CancelRequested, errorMessage, LeaseLost, RetryLater, type RunDefinition, type RunFailure, type StepContext, type StepOutcome } from "./run-definition";
import { endCanceled, endFailed, endSucceeded, handBackForRetry, parkStep, type RolledBack } from "./run-endings";
import { HELD } from "./fenced-statement";
import type { RunNotifier } from "./run-events";
import { RunWriter } from "./run-writer";

export type EngineResult =
  /** `wake`: runs whose turn this one's end may have freed. */
  | { status: "finished"; state: "succeeded" | "failed" | "canceled"; wake: string[] }
  | { status: "wait"; retryInMs: number }
  | { status: "blocked"; retryInMs: number; reason: string }
  | { status: "ignored"; reason: string; leaseLost?: true };

export type ErrorClass = "retryable" | "permanent";

/** Step events, for metrics and for tests that check who ran what when. */
export type RunObserver = {
  stepStarted?(event: { runId: string; step: string; owner: string }): void | Promise<void>;
  stepEnded?(event: { runId: string; step: string; owner: string; outcome: "done" | "wait" | "error" }): void;
};

export type EngineOptions<S> = {
  db: Db;
  notifier: RunNotifier;
  services: S;
  classifyError: (error: unknown) => ErrorClass;
  /** False on the job's last attempt: a retryable error then fails the run instead. */
  canRetry: boolean;
  /** This execution's identity (worker name + a unique suffix): the run's lease holder. */
  owner: string;
  leaseMs: number;
  observer?: RunObserver;
  onHeartbeatError?: (error: unknown) => void;
};

/** A run queued behind another run of its environment looks again this often (the finisher also wakes it). */
const QUEUED_RETRY_MS = 5000;
/** A batch run waiting for a free slot: every run ending in the batch wakes the next, so this is only a safety net. */
const BATCH_RETRY_MS = 30_000;

export async function executeRun<S>(runId: string, definitionFor: (kind: Run["kind"]) => RunDefinition<S>, options: EngineOptions<S>): Promise<EngineResult> {
  const claim = await claimRun(options.db, { runId, owner: options.owner, leaseMs: options.leaseMs });
  switch (claim.status) {
    case "missing":
      return { status: "ignored", reason: "run not found" };
    case "finished":
      return { status: "ignored", reason: `run is already ${claim.state}` };
    case "leased":
      return { status: "blocked", retryInMs: claim.retryInMs + 250, reason: "another worker holds the run's lease" };
    case "queued":
      return { status: "blocked", retryInMs: QUEUED_RETRY_MS, reason: "another run of this environment holds it or is ahead in line" };
    case "throttled":
      return { status: "blocked", retryInMs: BATCH_RETRY_MS + Math.round(Math.random() * 1000), reason: "its upgrade batch runs as many runs as it may at once" };
    case "claimed":
      break;
  }
  const { run, steps, environment } = claim;
  const definition = definitionFor(run.kind);
  const writer = new RunWriter({
    db: options.db,
    runId,
    environmentId: environment.id,
    owner: options.owner,
    leaseMs: options.leaseMs,
    notifier: options.notifier,
    ...(options.onHeartbeatError ? { onHeartbeatError: options.onHeartbeatError } : {}),
  });
  options.notifier.environmentChanged(environment.id, "run");
  try {
    const next = steps.find((s) => s.state !== "succeeded" && s.state !== "skipped");
    if (run.cancelRequestedAt) {
      const step = next?.name ?? "none";
      // The step the run stops before is current while it is undone, so a retryable undo can hand it back.
      if (next) writer.beginStep(next, false);
      const input: StepInput = { run, environment, row: next ?? { id: "", name: step, state: "pending", attempt: 0, output: null }, outputs: succeededOutputs(steps), resumed: false };
      const rolledBack = await rollBack(definition, input, writer, options, { step, message: run.cancelReason ?? "Canceled", canceled: true });
      return finished("canceled", await endCanceled(writer, run, step, rolledBack));
    }
    return await runSteps(definition, { run, steps, environment }, writer, options);
  } catch (error) {
    if (error instanceof LeaseLost) return { status: "ignored", reason: error.message, leaseLost: true };
    throw error;
  } finally {
    writer.stopHeartbeat();
  }
}

function finished(state: "succeeded" | "failed" | "canceled", ending: { wake: string[] }): EngineResult {
  return { status: "finished", state, wake: ending.wake };
}

function succeededOutputs(steps: StepRow[]): Map<string, unknown> {
  return new Map<string, unknown>(steps.filter((s) => s.state === "succeeded").map((s) => [s.name, s.output]));
}

type Claimed = Extract<Awaited<ReturnType<typeof claimRun>>, { status: "claimed" }>;

async function runSteps<S>(definition: RunDefinition<S>, claimed: Omit<Claimed, "status">, writer: RunWriter, options: EngineOptions<S>): Promise<EngineResult> {
  const { run, steps } = claimed;
  const outputs = succeededOutputs(steps);
  for (const stepDefinition of definition.steps) {
    const row = steps.find((s) => s.name === stepDefinition.name);
    if (!row) throw new Error(`run ${run.id} has no step row ${stepDefinition.name}`);
    if (row.state === "succeeded" || row.state === "skipped") continue;
    // A step that parked keeps its attempt when it resumes, and runs again at once when its wait
    // turns out to be over by the time it parks.
    let resumed = row.state === "waiting";
    let stored = row.output;
    for (;;) {
      const result = await runStep(definition, stepDefinition.run, { ...claimed, row: { ...row, output: stored }, outputs, resumed }, writer, options);
      if (result.status === "engine") return result.result;
      if (result.status === "done") {
        outputs.set(row.name, result.output);
        break;
      }
      resumed = true;
      stored = result.progress;
    }
  }
  return finished("succeeded", await endSucceeded(writer, run.id));
}

type StepInput = Omit<Claimed, "status" | "steps"> & { row: StepRow; outputs: Map<string, unknown>; resumed: boolean };
type StepResult = { status: "done"; output: unknown } | { status: "again"; progress: unknown } | { status: "engine"; result: EngineResult };

/**
 * What a step (or a rollback, `evenIfCanceled`) gets: its writes go through the run's writer,
 * fenced by the lease; a rollback's writes are made even though a cancel was asked.
 */
function stepContext<S>(input: StepInput, attempt: number, writer: RunWriter, options: EngineOptions<S>, hooks: { saveProgress: (output: unknown) => void; evenIfCanceled?: boolean }): StepContext<S> {
  const { run, environment, row, resumed } = input;
  return {
    db: options.db,
    run,
    environment,
    services: options.services,
    step: { id: row.id, name: row.name, attempt, resumed, output: row.output },
    log: (message, level) => writer.log(row.name, message, level),
    outputOf: <T>(name: string) => input.outputs.get(name) as T | undefined,
    saveProgress: hooks.saveProgress,
    defer: (effect) => writer.defer(effect),
    commit: hooks.evenIfCanceled
      ? async (...effects) => {
          await writer.write({ parts: effects.map((effect, index) => ({ name: `rollback${index}`, sql: effect(HELD) })) });
        }
      : async (...effects) => {
          const { canceled } = await writer.write({ effects });
          if (canceled) throw new CancelRequested(run.id);
        },
    // A cancel seen here does not stop the mutation: its record is already written, so it is sent
    // (and completes) as it would have been a moment earlier.
    fresh: async () => {
      await writer.renewIfStale();
    },
    signal: writer.signal,
  };
}

async function runStep<S>(definition: RunDefinition<S>, handler: RunDefinition<S>["steps"][number]["run"], input: StepInput, writer: RunWriter, options: EngineOptions<S>): Promise<StepResult> {
  const { run, row, resumed } = input;
  const attempt = row.attempt + (resumed ? 0 : 1);
  writer.beginStep(row, !resumed);
  await options.observer?.stepStarted?.({ runId: run.id, step: row.name, owner: options.owner });
  let progress: unknown = row.output;
  const context = stepContext(input, attempt, writer, options, {
    saveProgress: (output) => {
      progress = output;
    },
  });

  let outcome: StepOutcome;
  writer.startHeartbeat();
  try {
    outcome = await handler(context);
  } catch (error) {
    writer.stopHeartbeat();
    options.observer?.stepEnded?.({ runId: run.id, step: row.name, owner: options.owner, outcome: "error" });
    return { status: "engine", result: await handleStepError(definition, error, input, attempt, writer, options) };
  }
  writer.stopHeartbeat();
  options.observer?.stepEnded?.({ runId: run.id, step: row.name, owner: options.owner, outcome: outcome.status });

  if (outcome.status === "done") {
    const output = outcome.output ?? progress ?? null;
    writer.settleCurrent({ state: "succeeded", output });
    if (outcome.environment) writer.assignEnvironment(outcome.environment);
    return { status: "done", output };
  }
  const parked = await parkStep(writer, {
    output: progress ?? null,
    reason: outcome.reason,
    ...(outcome.resumeAt ? { resumeAt: outcome.resumeAt } : {}),
    ...(outcome.isOver ? { isOver: outcome.isOver } : {}),
  });
  if (parked.over) return { status: "again", progress: progress ?? null };
  outcome.afterPark?.();
  return { status: "engine", result: { status: "wait", retryInMs: outcome.retryInMs } };
}

async function handleStepError<S>(definition: RunDefinition<S>, error: unknown, input: StepInput, attempt: number, writer: RunWriter, options: EngineOptions<S>): Promise<EngineResult> {
  const { run, row } = input;
  if (error instanceof LeaseLost) throw error;
  // A commit inside the step saw the cancel before sending anything: this is the boundary.
  if (error instanceof CancelRequested) {
    const canceled = await withCancelReason(options.db, run);
    const rolledBack = await rollBack(definition, input, writer, options, { step: row.name, message: canceled.cancelReason ?? "Canceled", canceled: true }, attempt);
    return finished("canceled", await endCanceled(writer, canceled, row.name, rolledBack));
  }
  const message = errorMessage(error);
  // Postgres being away is never the step's fault: hand it back however many attempts were spent.
  if ((options.classifyError(error) === "retryable" && options.canRetry) || isDatabaseUnavailable(error)) {
    await handBack(writer, row.name, attempt, message, error);
  }
  const rolledBack = await rollBack(definition, input, writer, options, { step: row.name, message, canceled: false }, attempt);
  return finished("failed", await endFailed(writer, run.id, row.name, message, rolledBack));
}

async function handBack(writer: RunWriter, step: string, attempt: number, message: string, cause: unknown): Promise<never> {
  // If even this write fails (Postgres is down), the lease expires and the retry takes over.
  await handBackForRetry(writer, step, attempt, message).catch((writeError: unknown) => {
    if (writeError instanceof LeaseLost) throw writeError;
  });
  throw new RetryLater(message, { cause });
}

/**
 * The run's own undo, when its kind has one. A retryable failure of the undo hands the run back
 * like a retryable step error (the retried execution runs the step again, idempotently, and
 * undoes again if it fails for good again); a permanent one, or spent attempts, leaves the
 * environment failed as usual, with why the undo did not happen.
 */
async function rollBack<S>(
  definition: RunDefinition<S>,
  input: StepInput,
  writer: RunWriter,
  options: EngineOptions<S>,
  failure: RunFailure,
  attempt = input.row.attempt,
): Promise<RolledBack | undefined> {
  if (!definition.rollback) return undefined;
  const context = stepContext(input, attempt, writer, options, { saveProgress: () => undefined, evenIfCanceled: true });
  try {
    return await definition.rollback(context, failure);
  } catch (error) {
    if (error instanceof LeaseLost) throw error;
    const message = `Could not undo the run: ${errorMessage(error)}`;
    if (input.row.id && ((options.classifyError(error) === "retryable" && options.canRetry) || isDatabaseUnavailable(error))) {
      await handBack(writer, input.row.name, attempt, message, error);
    }
    writer.log(input.row.name || null, message, "error");
    return undefined;
  }
}

/** The cancel reason was written after the run was claimed: read it for the message. */
async function withCancelReason(db: Db, run: Run): Promise<Run> {
  const fresh = await db.run.findUnique({ where: { id: run.id }, select: { cancelReason: true } });
  return { ...run, cancelReason: fresh?.cancelReason ?? run.cancelReason };
}
