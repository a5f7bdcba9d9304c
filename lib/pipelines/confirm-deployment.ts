// Confirming or rejecting a deployment that awaits a confirmation. Confirming creates its deploy
// run (queued behind the environment's other runs); rejecting cancels it with a reason. Both
// take the deployment's row with a conditional update, so of two admins deciding at once one
// wins and the other gets a 409.
import type { Db, Tx } from "../db/client";
import { recordAuditEvent, type RequestContext } from "../audit/record-audit-event";
import { startAwaitingDeployment } from "../deployments/queue-deployment";
import { findReadableDeployment } from "../deployments/find-deployment";
import { Conflict } from "../errors";
import type { Caller } from "../identity/caller";
import type { OutboxJob } from "../queue/outbox";
import { requireConfirmationRight } from "./confirmation";

export type DecidedDeployment = { id: string; runId: string | null; state: string; outbox: OutboxJob | null };

export async function confirmDeployment(db: Db, caller: Caller, input: { deploymentId: string; context?: RequestContext }): Promise<DecidedDeployment> {
  return db.$transaction(async (tx) => {
    const deployment = await awaiting(tx, caller, input.deploymentId, "confirm");
    const now = new Date();
    await takeOrConflict(tx, deployment, { confirmedById: caller.userId, confirmedAt: now });
    const run = await startAwaitingDeployment(tx, deployment.id, { requestedById: caller.userId });
    await recordAuditEvent(tx, {
      actor: { id: caller.userId, email: caller.email },
      action: "deployment.confirm",
      target: { type: "deployment", id: deployment.id },
      teamId: deployment.teamId,
      before: { state: "awaiting_confirmation" },
      after: { state: "queued", runId: run.runId, release: deployment.release.version, stageId: deployment.stageId },
      ...(input.context ? { context: input.context } : {}),
    });
    return { id: deployment.id, runId: run.runId, state: "queued", outbox: run.outbox };
  });
}

export async function rejectDeployment(
  db: Db,
  caller: Caller,
  input: { deploymentId: string; reason?: string | undefined; context?: RequestContext },
): Promise<Omit<DecidedDeployment, "outbox">> {
  return db.$transaction(async (tx) => {
    const deployment = await awaiting(tx, caller, input.deploymentId, "reject");
    const reason = `Rejected by ${caller.email}${input.reason ? `: ${input.reason}` : ""}`;
    await takeOrConflict(tx, deployment, { state: "canceled", reason, finishedAt: new Date() });
    await recordAuditEvent(tx, {
      actor: { id: caller.userId, email: caller.email },
      action: "deployment.reject",
      target: { type: "deployment", id: deployment.id },
      teamId: deployment.teamId,
      before: { state: "awaiting_confirmation" },
      after: { state: "canceled", reason, release: deployment.release.version, stageId: deployment.stageId },
      ...(input.context ? { context: input.context } : {}),
    });
    return { id: deployment.id, runId: null, state: "canceled" };
  });
}

type Found = Awaited<ReturnType<typeof findReadableDeployment>>;

/** Found (404 otherwise), the caller may decide (403), and it still awaits a confirmation (409). */
async function awaiting(tx: Tx, caller: Caller, deploymentId: string, decision: "confirm" | "reject"): Promise<Found> {
  const deployment = await findReadableDeployment(tx, caller, deploymentId);
  requireConfirmationRight({ caller, decision, deployment });
  if (deployment.state !== "awaiting_confirmation") throw notAwaiting(deployment.state);
  return deployment;
}

async function takeOrConflict(tx: Tx, deployment: Found, data: { confirmedById?: string; confirmedAt?: Date; state?: "canceled"; reason?: string; finishedAt?: Date }) {
  const taken = await tx.deployment.updateMany({ where: { id: deployment.id, state: "awaiting_confirmation" }, data });
  if (taken.count === 0) {
    const now = await tx.deployment.findUniqueOrThrow({ where: { id: deployment.id }, select: { state: true } });
    throw notAwaiting(now.state);
  }
}

function notAwaiting(state: string): Conflict {
  return new Conflict(`This deployment is ${state.replace(/_/g, " ")}, not awaiting confirmation; only a deployment awaiting confirmation can be confirmed or rejected`);
}
