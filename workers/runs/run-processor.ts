// Thin BullMQ processor: parse the payload, execute the run, and map the engine's answer onto
// the queue — a waiting or blocked run is parked as a delayed job (the same job id = run id)
// instead of sleeping in a worker slot.
import { DelayedError, UnrecoverableError, type Job } from "bullmq";
import type { Db } from "../../lib/db/client";
import { executeRun, type RunDefinition } from "../../lib/runs/execute-run";
import type { RunNotifier } from "../../lib/runs/run-events";
import type { Logger } from "../../lib/log/logger";
import { JobName, parsePayload } from "../../lib/queue/queues";
import { classifyError } from "./classify-error";
import { destroyRun } from "./destroy-run";
import { provisionRun } from "./provision-run";
import type { StepServices } from "./services";

const DEFINITIONS: Partial<Record<string, RunDefinition<StepServices>>> = {
  provision: provisionRun,
  destroy: destroyRun,
};

function definitionFor(kind: string): RunDefinition<StepServices> {
  const definition = DEFINITIONS[kind];
  if (!definition) throw new UnrecoverableError(`No worker implements ${kind} runs yet`);
  return definition;
}

export type RunProcessorDeps = { db: Db; notifier: RunNotifier; services: StepServices; logger: Logger };

export function createRunProcessor(deps: RunProcessorDeps) {
  return async function processRun(job: Job, token?: string): Promise<string> {
    const { runId } = parsePayload(JobName.executeRun, job.data);
    const canRetry = job.attemptsMade + 1 < (job.opts.attempts ?? 1);
    const result = await executeRun(runId, definitionFor, { db: deps.db, notifier: deps.notifier, services: deps.services, classifyError, canRetry });
    if (result.status === "wait" || result.status === "blocked") {
      if (result.status === "blocked") deps.logger.debug({ runId, reason: result.reason }, "run waits for the environment's lease");
      await job.moveToDelayed(Date.now() + result.retryInMs, token);
      // The wait may have ended while the job was being parked (a wake-up then finds nothing
      // to promote): look once more and resume at once if so.
      if (result.status === "wait" && (await result.isOver?.())) await job.promote().catch(() => undefined);
      throw new DelayedError();
    }
    return result.status === "finished" ? result.state : `ignored: ${result.reason}`;
  };
}
