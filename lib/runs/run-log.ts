import type { Tx } from "../db/client";
import type { LogLevel } from "./log-buffer";
import type { RunNotifier } from "./run-events";

/** Appends one line to a run's log (append-only; streamed to the browser; searchable). */
export async function appendRunLog(
  db: Tx,
  notifier: RunNotifier,
  entry: { runId: string; environmentId: string; step: string | null; level: LogLevel; message: string },
): Promise<void> {
  await db.runLog.create({ data: { runId: entry.runId, step: entry.step, level: entry.level, message: entry.message.slice(0, 8000) } });
  notifier.environmentChanged(entry.environmentId, "log");
}
