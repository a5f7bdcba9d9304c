import type { Db } from "../db/client";
import { appendRunLog } from "./run-log";
import type { RunNotifier } from "./run-events";

/** When the queue gives up on a job (retries exhausted outside any step), the run must not stay `running`. */
export async function failAbandonedRun(db: Db, notifier: RunNotifier, runId: string, reason: string): Promise<void> {
  const run = await db.run.findUnique({ where: { id: runId } });
  if (!run || (run.state !== "queued" && run.state !== "running")) return;
  const now = new Date();
  await db.$transaction([
    db.runStep.updateMany({ where: { runId, state: { in: ["pending", "running", "waiting"] } }, data: { state: "skipped", finishedAt: now } }),
    db.run.update({ where: { id: runId }, data: { state: "failed", finishedAt: now, error: reason } }),
    db.environment.updateMany({ where: { id: run.environmentId, activeRunId: runId }, data: { state: "failed", failureReason: reason, activeRunId: null } }),
  ]);
  await appendRunLog(db, notifier, { runId, environmentId: run.environmentId, step: null, level: "error", message: `Run abandoned: ${reason}` });
}
