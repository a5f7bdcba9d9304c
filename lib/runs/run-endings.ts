// How an execution leaves a run: parked (waiting for the cloud or the account's budget),
// succeeded, failed at a step, canceled at a boundary, or handed back for a retry. Each is one
// fenced statement that also writes whatever the run had pending, releases the run's lease and,
// when the run ends, the environment's.
import { Prisma } from "../db/generated/client";
import { nextRunSelect } from "./fenced-statement";
import type { EnvironmentAssignments } from "./run-definition";
import type { RunWriter } from "./run-writer";

/** `wake`: runs whose turn this ending may have freed (the environment's next, the batch's next). */
export type Ending = { wake: string[] };

const nextRun = (row: Record<string, unknown>): string[] =>
  [row.next_run, ...(Array.isArray(row.next_batch_runs) ? (row.next_batch_runs as unknown[]) : [])].filter((id): id is string => typeof id === "string");

/** What the environment holds now, in words, for a failure or cancel message. */
function leftBehind(environmentId: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(
    SELECT CASE WHEN count(*) = 0 THEN 'no instances exist'
      ELSE count(*) || ' instance(s) exist: ' || string_agg(i."cloudId" || ' (' || i."state" || ')', ', ' ORDER BY i."launchedAt") END
    FROM "Instance" i WHERE i."environmentId" = ${environmentId} AND i."state" <> 'terminated')`;
}

/**
 * Parks the current step. With `isOver`, the statement first checks whether the wait already
 * ended (then the step stays running, the lease is kept, and `over` is true: run it again).
 */
export async function parkStep(
  writer: RunWriter,
  wait: { output: unknown; reason: string; resumeAt?: Date; isOver?: Prisma.Sql },
): Promise<{ over: boolean }> {
  writer.settleCurrent({ state: "waiting", output: wait.output, waitReason: wait.reason, resumeAt: wait.resumeAt ?? null, ...(wait.isOver ? { unlessOver: wait.isOver } : {}) });
  const { row } = await writer.write({
    lease: { release: wait.isOver ? Prisma.sql`NOT (${wait.isOver})` : true },
    ...(wait.isOver ? { select: Prisma.sql`(${wait.isOver}) AS over` } : {}),
  });
  return { over: row.over === true };
}

export async function endSucceeded(writer: RunWriter, runId: string, logLine?: string): Promise<Ending> {
  if (logLine) writer.log(null, logLine);
  const now = new Date();
  const { row } = await writer.write({
    lease: { release: true, set: Prisma.sql`"state" = 'succeeded', "finishedAt" = ${now}` },
    releaseEnvironment: true,
    select: nextRunSelect(runId),
  });
  return { wake: nextRun(row) };
}

/**
 * What the environment becomes instead of `failed` when the run undid its work (a rolled-back
 * update leaves the environment as it was).
 */
export type RolledBack = { environment: EnvironmentAssignments; note: string };

/** The step failed for good: the environment is `failed` at it, retry or destroy from there. */
export async function endFailed(writer: RunWriter, runId: string, step: string, message: string, rolledBack?: RolledBack): Promise<Ending> {
  writer.log(step, `Failed: ${message}`, "error");
  if (rolledBack) writer.log(step, rolledBack.note, "warn");
  writer.settleCurrent({ state: "failed", output: null, error: message });
  writer.assignEnvironment(rolledBack?.environment ?? environmentFailed(step, Prisma.sql`${message}`));
  const now = new Date();
  const { row } = await writer.write({
    lease: { release: true, set: Prisma.sql`"state" = 'failed', "finishedAt" = ${now}, "error" = ${message}, "failedStep" = ${step}` },
    skipRest: true,
    releaseEnvironment: true,
    select: nextRunSelect(runId),
  });
  return { wake: nextRun(row) };
}

function environmentFailed(step: string, reason: Prisma.Sql) {
  return { state: Prisma.sql`'failed'`, failedStep: Prisma.sql`${step}`, failureReason: reason };
}

/**
 * Canceled before `step` (nothing of it was sent to the cloud): the run says so, the steps left
 * are skipped, and the environment is `failed` at that step with what exists, so the user can
 * retry from there or destroy.
 */
export async function endCanceled(
  writer: RunWriter,
  run: { id: string; environmentId: string; cancelReason: string | null },
  step: string,
  rolledBack?: RolledBack,
): Promise<Ending> {
  const now = new Date();
  const why = run.cancelReason ?? "Canceled";
  const reason = Prisma.sql`${`${why} before step ${step}. Left: `} || ${leftBehind(Prisma.sql`${run.environmentId}`)}`;
  writer.log(null, `${why}; stopped before step ${step}`, "warn");
  if (rolledBack) writer.log(null, rolledBack.note, "warn");
  writer.dropCurrent();
  writer.assignEnvironment(rolledBack?.environment ?? environmentFailed(step, reason));
  const { row } = await writer.write({
    lease: { release: true, set: Prisma.sql`"state" = 'canceled', "finishedAt" = ${now}, "failedStep" = ${step}, "error" = ${reason}` },
    skipRest: true,
    releaseEnvironment: true,
    select: nextRunSelect(run.id),
  });
  return { wake: nextRun(row) };
}

/** A retryable error: the step keeps running with the error shown, the lease is given back for the retry. */
export async function handBackForRetry(writer: RunWriter, step: string, attempt: number, message: string): Promise<void> {
  writer.log(step, `Attempt ${attempt} failed, will retry: ${message}`, "warn");
  writer.settleCurrent({ state: "running", output: null, error: message });
  await writer.write({ lease: { release: true } });
}
