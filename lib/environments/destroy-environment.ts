// Destroy: queue a destroy Run. Runs still in flight for the environment are canceled (queued
// ones at once, running ones at their next step boundary), so the destroy does not wait for a
// provision to finish first.
import type { Db } from "../db/client";
import { Conflict } from "../errors";
import { recordAuditEvent, type RequestContext } from "../audit/record-audit-event";
import type { Caller } from "../identity/caller";
import type { OutboxJob } from "../queue/outbox";
import { createRun } from "../runs/create-run";
import { requestCancel } from "../runs/request-cancel";
import { findWritableEnvironment } from "./find-environment";

export type DestroyRequested = { environmentId: string; runId: string; outbox: OutboxJob; canceledRunIds: string[] };

export async function destroyEnvironment(db: Db, caller: Caller, input: { environmentId: string; context?: RequestContext }): Promise<DestroyRequested> {
  return db.$transaction(async (tx) => {
    const visible = await findWritableEnvironment(tx, caller, input.environmentId);
    // Serialise concurrent destroy requests for the same environment.
    await tx.$queryRaw`SELECT id FROM "Environment" WHERE id = ${visible.id} FOR UPDATE`;
    const environment = await tx.environment.findUniqueOrThrow({ where: { id: visible.id } });
    if (environment.state === "destroyed") throw new Conflict(`Environment ${environment.name} is already destroyed`);
    const pendingDestroy = await tx.run.findFirst({ where: { environmentId: environment.id, kind: "destroy", state: { in: ["queued", "running"] } } });
    if (pendingDestroy) throw new Conflict(`Environment ${environment.name} is already being destroyed (run ${pendingDestroy.id})`);

    const inFlight = await tx.run.findMany({
      where: { environmentId: environment.id, state: { in: ["queued", "running"] }, cancelRequestedAt: null },
      select: { id: true },
    });
    const canceled = await requestCancel(tx, inFlight.map((r) => r.id), `Superseded by a destroy requested by ${caller.email}`);
    const run = await createRun(tx, { environmentId: environment.id, kind: "destroy", requestedById: caller.userId });
    await recordAuditEvent(tx, {
      actor: { id: caller.userId, email: caller.email },
      action: "environment.destroy",
      target: { type: "environment", id: environment.id },
      teamId: environment.teamId,
      before: { name: environment.name, state: environment.state },
      after: { runId: run.runId, canceledRunIds: [...canceled.canceled, ...canceled.canceling] },
      context: input.context,
    });
    // Running ones are woken so they stop at their next boundary now.
    return { environmentId: environment.id, runId: run.runId, outbox: run.outbox, canceledRunIds: canceled.canceling };
  });
}
