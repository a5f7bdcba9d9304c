import type { Tx } from "../db/client";
import type { Caller } from "../identity/caller";
import { findReadableEnvironment } from "../environments/find-environment";

export type RunLogLine = { id: string; runId: string; step: string | null; level: string; message: string; at: Date };

/** Log lines of an environment's runs after a cursor (the last id seen), oldest first. */
export async function getEnvironmentLogs(
  db: Tx,
  caller: Caller,
  /** `tail`: the last `limit` lines (still oldest first) instead of the first ones. */
  input: { environmentId: string; runId?: string; afterId?: bigint; limit?: number; tail?: boolean },
): Promise<RunLogLine[]> {
  const environment = await findReadableEnvironment(db, caller, input.environmentId);
  const rows = await db.runLog.findMany({
    where: {
      run: { environmentId: environment.id },
      ...(input.runId ? { runId: input.runId } : {}),
      ...(input.afterId !== undefined ? { id: { gt: input.afterId } } : {}),
    },
    orderBy: { id: input.tail ? "desc" : "asc" },
    take: Math.min(input.limit ?? 500, 2000),
  });
  if (input.tail) rows.reverse();
  return rows.map((row) => ({ id: row.id.toString(), runId: row.runId, step: row.step, level: row.level, message: row.message, at: row.at }));
}
