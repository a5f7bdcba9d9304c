// A run is visible to whoever can see its environment: authorization is the environment's.
import type { Tx } from "../db/client";
import { NotFound } from "../errors";
import type { Caller } from "../identity/caller";
import { findWritableEnvironment } from "../environments/find-environment";

/** The run, if the caller may change its environment (a foreign run is 404, a viewer gets 403). */
export async function findWritableRun(tx: Tx, caller: Caller, runId: string) {
  const run = await tx.run.findUnique({ where: { id: runId } });
  if (!run) throw new NotFound(`Run ${runId} not found`);
  const environment = await findWritableEnvironment(tx, caller, run.environmentId).catch((error: unknown) => {
    if (error instanceof NotFound) throw new NotFound(`Run ${runId} not found`);
    throw error;
  });
  return { run, environment };
}
