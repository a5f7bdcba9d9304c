// What a kind of Run is made of (named steps), what a step gets and what it answers. The engine
// (execute-run.ts) runs the steps in order; workers/ defines the steps of each kind.
import type { Db } from "../db/client";
import type { Environment, Prisma, Run } from "../db/generated/client";
import type { LogLevel } from "./log-line";

/**
 * A statement written only while this worker still holds the run's lease: `held` is a boolean
 * SQL expression the statement must AND into its WHERE (see fenced-statement.ts).
 */
export type Effect = (held: Prisma.Sql) => Prisma.Sql;

/** Environment columns a step sets (column name -> SQL value), written with its settlement. */
export type EnvironmentAssignments = Record<string, Prisma.Sql>;

export type StepOutcome =
  | { status: "done"; output?: unknown; environment?: EnvironmentAssignments }
  | {
      status: "wait";
      /** When to look again if nothing wakes the run earlier. */
      retryInMs: number;
      /** Shown while the step waits ("Queued for the account's launch budget"). */
      reason: string;
      /** When the wait is expected to end, if known (shown as "in ~40 s"). */
      resumeAt?: Date;
      /**
       * A boolean SQL expression: true when the wait is already over. Evaluated in the statement
       * that parks the run, so a wait that ended meanwhile is not parked (no lost wake-up).
       */
      isOver?: Prisma.Sql;
      /** Called once the run is parked (its pending writes committed), e.g. to tell the poller. */
      afterPark?: () => void;
    };

export type StepContext<S> = {
  db: Db;
  run: Run;
  environment: Environment;
  /** `resumed`: this execution continues a parked wait (the attempt is the same). */
  step: { id: string; name: string; attempt: number; resumed: boolean; output: unknown };
  services: S;
  /** Buffered and written in order with the run's next statement (within about a second). */
  log(message: string, level?: LogLevel): void;
  /** The stored output of an earlier, finished step of this run. */
  outputOf<T>(stepName: string): T | undefined;
  /** Progress of the current step, stored with its next state (waiting or done) and read back as step.output on resume. */
  saveProgress(output: unknown): void;
  /**
   * Work already done that must be recorded (launched instances): written with the step's next
   * statement (its settlement at the latest). Losing it in a crash must be safe to repeat.
   */
  defer(effect: Effect): void;
  /**
   * Writes now, fenced: everything deferred, then `effects` only if the run was not asked to
   * cancel. Call it before every cloud mutation (with the operation's record). Throws
   * LeaseLost when another worker took the run, CancelRequested when it was asked to cancel.
   */
  commit(...effects: Effect[]): Promise<void>;
  /**
   * Call right before sending a cloud mutation: when this execution last proved its lease a
   * while ago (it was paused since its commit), it proves it again first, so a worker that lost
   * the run meanwhile does not send.
   */
  fresh(): Promise<void>;
  /** Aborted when the worker learns it lost the run's lease. */
  signal: AbortSignal;
};

export type StepHandler<S> = (context: StepContext<S>) => Promise<StepOutcome>;

export type RunFailure = { step: string; message: string; canceled: boolean };

/**
 * Undoes a run that failed or was canceled, when its kind can (an update that fails before it
 * switched the environment terminates what it launched): answers what the environment becomes
 * instead of `failed`, or undefined to fail as usual. It runs under the run's lease with the
 * failed step's context (its writes are made even though a cancel was asked); throwing a
 * retryable error hands the run back to be tried again, anything else fails it as usual.
 */
export type RollbackHandler<S> = (context: StepContext<S>, failure: RunFailure) => Promise<{ environment: EnvironmentAssignments; note: string } | undefined>;

export type RunDefinition<S> = {
  steps: readonly { name: string; run: StepHandler<S> }[];
  rollback?: RollbackHandler<S>;
};

/** Another worker holds the run now; this one must stop touching it at once. */
export class LeaseLost extends Error {
  constructor(runId: string) {
    super(`Lost the lease of run ${runId}: another worker runs it now`);
    this.name = "LeaseLost";
  }
}

/** The run was asked to cancel; raised by a commit at the boundary it stops at. */
export class CancelRequested extends Error {
  constructor(runId: string) {
    super(`Run ${runId} was asked to cancel`);
    this.name = "CancelRequested";
  }
}

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
