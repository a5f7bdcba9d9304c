// Thin BullMQ processor: parse the payload, execute the run under a lease of its own, and map the
// engine's answer onto the queue: a waiting or blocked run is parked as a delayed job (the same
// job id = run id) instead of sleeping in a worker slot; a finished run wakes the next run of
// its environment.
import { randomUUID } from "node:crypto";
import { DelayedError, UnrecoverableError, type Job } from "bullmq";
import type { Db } from "../../lib/db/client";
import { executeRun, type RunObserver } from "../../lib/runs/execute-run";
import { isDatabaseUnavailable } from "../../lib/db/unavailable";
import type { RunDefinition } from "../../lib/runs/run-definition";
import type { RunNotifier } from "../../lib/runs/run-events";
import type { Logger } from "../../lib/log/logger";
import type { QueueClient } from "../../lib/queue/queue-client";
import { JobName, parsePayload } from "../../lib/queue/queues";
import { classifyError } from "./classify-error";
import { destroyRun } from "./destroy-run";
import { deployRun, retireRun } from "./deploy-run";
import { provisionRun } from "./provision-run";
import { updateRun } from "./update-run";
import type { StepServices } from "./services";

/** How soon a run that met an unreachable Postgres is tried again (plus up to 1 s of jitter). */
const UNAVAILABLE_RETRY_MS = 2000;

const DEFINITIONS: Partial<Record<string, RunDefinition<StepServices>>> = {
  provision: provisionRun,
  destroy: destroyRun,
  update: updateRun,
  deploy: deployRun,
  retire: retireRun,
};

function definitionFor(kind: string): RunDefinition<StepServices> {
  const definition = DEFINITIONS[kind];
  if (!definition) throw new UnrecoverableError(`No worker implements ${kind} runs yet`);
  return definition;
}

export type RunProcessorDeps = {
  db: Db;
  notifier: RunNotifier;
  services: StepServices;
  logger: Logger;
  queues: Pick<QueueClient, "wakeRun" | "consumeWake">;
  /** host:pid of this worker process; each execution's lease owner starts with it. */
  workerName: string;
  leaseMs: number;
  observer?: RunObserver;
};

export function createRunProcessor(deps: RunProcessorDeps) {
  return async function processRun(job: Job, token?: string): Promise<string> {
    const { runId } = parsePayload(JobName.executeRun, job.data);
    const canRetry = job.attemptsMade + 1 < (job.opts.attempts ?? 1);
    // A wake-up left before this execution is answered by it.
    await deps.queues.consumeWake(runId);
    let result: Awaited<ReturnType<typeof executeRun>>;
    try {
      result = await executeRun(runId, definitionFor, {
      db: deps.db,
      notifier: deps.notifier,
      services: deps.services,
      classifyError,
      canRetry,
      owner: `${deps.workerName}/${randomUUID()}`,
      leaseMs: deps.leaseMs,
      ...(deps.observer ? { observer: deps.observer } : {}),
      onHeartbeatError: (error) => deps.logger.warn({ err: error, runId }, "run heartbeat failed"),
      });
    } catch (error) {
      // Postgres is away (a restart, a failover): try again shortly without spending one of the
      // job's attempts, however long it takes to come back. The run's lease, if this execution
      // held it, expires meanwhile.
      if (!isDatabaseUnavailable(error)) throw error;
      deps.logger.warn({ err: error, runId }, "Postgres is unreachable; the run will be tried again shortly");
      result = { status: "blocked", retryInMs: UNAVAILABLE_RETRY_MS + Math.round(Math.random() * 1000), reason: "Postgres unreachable" };
    }
    if (result.status === "wait" || result.status === "blocked") {
      if (result.status === "blocked") deps.logger.debug({ runId, reason: result.reason }, "run waits for its turn");
      await job.moveToDelayed(Date.now() + result.retryInMs, token);
      // Woken while it was parking (the poller, a cancel, the run ahead finishing): resume now.
      if (await deps.queues.consumeWake(runId)) await job.promote().catch(() => undefined);
      throw new DelayedError();
    }
    if (result.status === "finished") {
      for (const next of result.wake) {
        await deps.queues.wakeRun(next).catch((error: unknown) => deps.logger.warn({ err: error, runId: next }, "could not wake the next run"));
      }
    }
    if (result.status === "ignored" && result.leaseLost) deps.logger.warn({ runId }, "stopped the run: another worker holds its lease now (this one stalled or lost Redis)");
    else if (result.status === "ignored") deps.logger.debug({ runId, reason: result.reason }, "run job ignored");
    return result.status === "finished" ? result.state : `ignored: ${result.reason}`;
  };
}
