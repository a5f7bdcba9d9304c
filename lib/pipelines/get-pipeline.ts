// A service's pipeline as its page and GET /api/v1/services/:id/pipeline show it: each stage in
// order with its environment, the release live there (the newest succeeded deployment on that
// environment, however it got there) and the deployment awaiting a confirmation, if any.
import type { Tx } from "../db/client";
import type { Caller } from "../identity/caller";
import { hasTeamPermission, teamIdsWith } from "../identity/permissions";
import { findReadableService } from "../services/find-service";
import { mayDecide } from "./confirmation";
import { hasGroup } from "./stages";

export type PipelineView = {
  service: { id: string; name: string; instanceGroup: string };
  /** The caller may edit the pipeline and promote (developer or above). */
  canEdit: boolean;
  /** The caller may confirm or reject deployments awaiting a confirmation (team admin). */
  canConfirm: boolean;
  stages: StageView[];
};

export type StageView = {
  id: string;
  name: string;
  position: number;
  environment: { id: string; name: string; state: string };
  requiresConfirmation: boolean;
  live: { release: string; deploymentId: string; since: Date | null } | null;
  pending: { id: string; release: string; source: string; requestedBy: { id: string; email: string } | null; createdAt: Date } | null;
};

export async function getPipeline(db: Tx, caller: Caller, serviceReference: string): Promise<PipelineView> {
  const service = await findReadableService(db, caller, serviceReference);
  const stages = await db.pipelineStage.findMany({
    where: { serviceId: service.id },
    orderBy: { position: "asc" },
    include: { environment: { select: { id: true, name: true, state: true } } },
  });
  const views: StageView[] = [];
  // One stage at a time: at most ten, each two indexed reads.
  for (const stage of stages) {
    const live = await db.deployment.findFirst({
      where: { serviceId: service.id, environmentId: stage.environmentId, state: "succeeded" },
      orderBy: [{ finishedAt: "desc" }, { id: "desc" }],
      select: { id: true, finishedAt: true, release: { select: { version: true } } },
    });
    const pending = await db.deployment.findFirst({
      where: { serviceId: service.id, stageId: stage.id, state: "awaiting_confirmation" },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: { id: true, source: true, createdAt: true, release: { select: { version: true } }, requestedBy: { select: { id: true, email: true } } },
    });
    views.push({
      id: stage.id,
      name: stage.name,
      position: stage.position,
      environment: stage.environment,
      requiresConfirmation: stage.requiresConfirmation,
      live: live ? { release: live.release.version, deploymentId: live.id, since: live.finishedAt } : null,
      pending: pending ? { id: pending.id, release: pending.release.version, source: pending.source, requestedBy: pending.requestedBy, createdAt: pending.createdAt } : null,
    });
  }
  return {
    service: { id: service.id, name: service.name, instanceGroup: service.instanceGroup },
    canEdit: hasTeamPermission(caller, service.teamId, "environment:write"),
    canConfirm: mayDecide(caller, service.teamId),
    stages: views,
  };
}

/** The team's live environments that run the service's group: what a stage may be bound to. */
export async function stageEnvironmentChoices(db: Tx, caller: Caller, serviceReference: string): Promise<{ id: string; name: string; state: string }[]> {
  const service = await findReadableService(db, caller, serviceReference);
  if (!teamIdsWith(caller, "environment:read").includes(service.teamId)) return [];
  const environments = await db.environment.findMany({
    where: { teamId: service.teamId, destroyedAt: null },
    orderBy: { name: "asc" },
    take: 500,
    select: { id: true, name: true, state: true, plan: true },
  });
  return environments.filter((e) => hasGroup(e, service.instanceGroup)).map(({ id, name, state }) => ({ id, name, state }));
}
