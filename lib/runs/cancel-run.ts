// Cancel a run (UI and API). A queued run ends at once; a running one stops at its next step
// boundary (in-flight cloud calls complete first) and says which state it left. Asking again is
// harmless; a finished run cannot be canceled.
import type { Db } from "../db/client";
import { Conflict } from "../errors";
import { recordAuditEvent, type RequestContext } from "../audit/record-audit-event";
import type { Caller } from "../identity/caller";
import { findWritableRun } from "./find-run";
import { requestCancel } from "./request-cancel";

export type CancelResult = { runId: string; environmentId: string; state: "canceled" | "canceling" };

export async function cancelRun(db: Db, caller: Caller, input: { runId: string; context?: RequestContext }): Promise<CancelResult> {
  return db.$transaction(async (tx) => {
    const { run, environment } = await findWritableRun(tx, caller, input.runId);
    // The environment first, then the run: the order every writer of both takes its locks in.
    await tx.$queryRaw`SELECT "id" FROM "Environment" WHERE "id" = ${environment.id} FOR UPDATE`;
    await tx.$queryRaw`SELECT "id" FROM "Run" WHERE "id" = ${run.id} FOR UPDATE`;
    const current = await tx.run.findUniqueOrThrow({ where: { id: run.id } });
    if (current.state === "running" && current.cancelRequestedAt) return { runId: run.id, environmentId: environment.id, state: "canceling" };
    if (current.state !== "queued" && current.state !== "running") {
      throw new Conflict(`This ${current.kind} run is already ${current.state}; only a queued or running run can be canceled`);
    }
    const requested = await requestCancel(tx, [run.id], `Canceled by ${caller.email}`);
    const state = requested.canceled.includes(run.id) ? "canceled" : "canceling";
    await recordAuditEvent(tx, {
      actor: { id: caller.userId, email: caller.email },
      action: "run.cancel",
      target: { type: "run", id: run.id },
      teamId: environment.teamId,
      before: { state: current.state, kind: current.kind, environmentId: environment.id },
      after: { state },
      context: input.context,
    });
    return { runId: run.id, environmentId: environment.id, state };
  });
}
