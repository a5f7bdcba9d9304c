// Promotion: the release live on one stage is deployed to the next stage, as a deployment of its
// own (source "promotion"), awaiting a team admin's confirmation when the next stage asks for one.
// Asked by stage name (POST /services/:id/promotions) or from a succeeded deployment's page
// (POST /deployments/:id/promote). Developer or above of the service's team.
import type { Db, Tx } from "../db/client";
import type { PipelineStage, Release } from "../db/generated/client";
import type { RequestContext } from "../audit/record-audit-event";
import { findReadableDeployment } from "../deployments/find-deployment";
import { liveDeployment, queueDeployment } from "../deployments/queue-deployment";
import { Conflict } from "../errors";
import type { Caller } from "../identity/caller";
import type { OutboxJob } from "../queue/outbox";
import { findWritableService } from "../services/find-service";
import { requireNext, stageAndNext, stageOfEnvironment } from "./stages";

export type Promoted = { id: string; runId: string | null; state: "queued" | "awaiting_confirmation"; stage: string; release: string; outbox: OutboxJob | null };

type Service = Awaited<ReturnType<typeof findWritableService>>;

export async function promoteFromStage(db: Db, caller: Caller, input: { service: string; from: string; context?: RequestContext }): Promise<Promoted> {
  return db.$transaction(async (tx) => {
    const service = await findWritableService(tx, caller, input.service);
    const { stage, next } = await stageAndNext(tx, service.id, input.from);
    const target = requireNext(stage, next);
    const live = await liveDeployment(tx, service.id, stage.environmentId);
    if (!live) {
      const message = `nothing is live on ${stage.name} yet; deploy a release there first`;
      throw new Conflict(`from: ${message}`, [{ path: "from", message }]);
    }
    const release = await tx.release.findUniqueOrThrow({ where: { id: live.releaseId } });
    return queuePromotion(tx, caller, service, release, target, input.context);
  });
}

export async function promoteDeployment(db: Db, caller: Caller, input: { deploymentId: string; context?: RequestContext }): Promise<Promoted> {
  return db.$transaction(async (tx) => {
    const deployment = await findReadableDeployment(tx, caller, input.deploymentId);
    const service = await findWritableService(tx, caller, deployment.serviceId);
    if (deployment.state !== "succeeded") {
      throw new Conflict(`Deployment of ${deployment.release.version} is ${deployment.state.replace(/_/g, " ")}; only a succeeded deployment can be promoted`);
    }
    const stage = deployment.stageId
      ? await tx.pipelineStage.findUnique({ where: { id: deployment.stageId } })
      : await stageOfEnvironment(tx, service.id, deployment.environmentId);
    // The stage may have moved to another environment since; promote from where it is bound now
    // only if that is still this deployment's environment.
    if (!stage || stage.environmentId !== deployment.environmentId) {
      throw new Conflict(`This deployment's environment is not a stage of ${service.name}'s pipeline; add it as a stage to promote from it`);
    }
    const { next } = await stageAndNext(tx, service.id, stage.name);
    const target = requireNext(stage, next, "deployment");
    const release = await tx.release.findUniqueOrThrow({ where: { id: deployment.releaseId } });
    return queuePromotion(tx, caller, service, release, target, input.context);
  });
}

async function queuePromotion(tx: Tx, caller: Caller, service: Service, release: Release, target: PipelineStage, context?: RequestContext): Promise<Promoted> {
  const queued = await queueDeployment(tx, {
    service,
    release,
    environmentId: target.environmentId,
    source: "promotion",
    stageId: target.id,
    awaitConfirmation: target.requiresConfirmation,
    actor: { id: caller.userId, email: caller.email },
    requestedById: caller.userId,
    context,
  });
  return {
    id: queued.deploymentId,
    runId: queued.runId,
    state: queued.runId ? "queued" : "awaiting_confirmation",
    stage: target.name,
    release: release.version,
    outbox: queued.outbox,
  };
}
