// CI's "create the release and deploy it" (the release webhook with `"deploy": true`): the new
// release goes to the first stage of the service's pipeline, in the release's own transaction, so
// a refusal (no pipeline, the stage's environment not ready) writes nothing, not even the release.
import type { Tx } from "../db/client";
import type { RequestContext } from "../audit/record-audit-event";
import { queueDeployment } from "../deployments/queue-deployment";
import { Conflict } from "../errors";
import type { OutboxJob } from "../queue/outbox";
import { pipelineStages } from "./stages";

export type FirstStageDeployment = { id: string; runId: string | null; state: "queued" | "awaiting_confirmation"; stage: string; outbox: OutboxJob | null };

export const NO_PIPELINE = "the service has no pipeline; add stages or leave deploy out";

/** Refuses (409 at deploy) before anything is written when the service has no pipeline. */
export async function requirePipeline(tx: Tx, serviceId: string): Promise<void> {
  if ((await pipelineStages(tx, serviceId)).length === 0) throw new Conflict(`deploy: ${NO_PIPELINE}`, [{ path: "deploy", message: NO_PIPELINE }]);
}

export async function deployToFirstStage(tx: Tx, input: { serviceId: string; releaseId: string; actor: { system: string }; context?: RequestContext | undefined }): Promise<FirstStageDeployment> {
  const [first] = await pipelineStages(tx, input.serviceId);
  if (!first) throw new Conflict(`deploy: ${NO_PIPELINE}`, [{ path: "deploy", message: NO_PIPELINE }]);
  const service = await tx.service.findUniqueOrThrow({ where: { id: input.serviceId } });
  const release = await tx.release.findUniqueOrThrow({ where: { id: input.releaseId } });
  const queued = await queueDeployment(tx, {
    service,
    release,
    environmentId: first.environmentId,
    source: "webhook",
    stageId: first.id,
    awaitConfirmation: first.requiresConfirmation,
    actor: input.actor,
    requestedById: null,
    context: input.context,
  });
  return { id: queued.deploymentId, runId: queued.runId, state: queued.runId ? "queued" : "awaiting_confirmation", stage: first.name, outbox: queued.outbox };
}
