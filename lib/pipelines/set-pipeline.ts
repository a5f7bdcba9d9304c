// Replaces a service's pipeline with the stages given, in order (developer or above). A stage
// kept by name keeps its id, so deployments awaiting a confirmation on it stay on it; a removed
// stage's awaiting deployments are canceled with a reason rather than left waiting on nothing.
// Every stage is checked before anything is written; the change is audited.
import { Prisma } from "../db/generated/client";
import type { Db, Tx } from "../db/client";
import { newId } from "../db/ids";
import { recordAuditEvent, type RequestContext } from "../audit/record-audit-event";
import { findServiceEnvironment } from "../deployments/request-deployment";
import { AppError, Invalid, type FieldIssue } from "../errors";
import type { Caller } from "../identity/caller";
import { findWritableService } from "../services/find-service";
import type { SetPipelineInput } from "./schemas";
import { hasGroup, pipelineStages } from "./stages";

type Service = Awaited<ReturnType<typeof findWritableService>>;
type Resolved = { name: string; environmentId: string; environmentName: string; requiresConfirmation: boolean };

export async function setPipeline(db: Db, caller: Caller, input: SetPipelineInput & { service: string; context?: RequestContext }): Promise<void> {
  await db.$transaction(async (tx) => {
    const service = await findWritableService(tx, caller, input.service);
    // Two edits at once apply one after the other, each to the list the other left.
    await tx.$executeRaw(Prisma.sql`SELECT 1 FROM "Service" WHERE "id" = ${service.id} FOR UPDATE`);
    const resolved = await resolveStages(tx, service, input.stages);
    const before = await pipelineStages(tx, service.id);
    const keptNames = new Set(resolved.map((s) => s.name));
    const removed = before.filter((s) => !keptNames.has(s.name));
    const canceled = await cancelAwaitingOn(tx, removed.map((s) => s.id), caller);
    await tx.pipelineStage.deleteMany({ where: { id: { in: removed.map((s) => s.id) } } });
    // Positions are unique per service: park the kept stages out of the way first.
    const kept = before.filter((s) => keptNames.has(s.name));
    for (const [index, stage] of kept.entries()) await tx.pipelineStage.update({ where: { id: stage.id }, data: { position: -1 - index } });
    for (const [position, stage] of resolved.entries()) {
      const existing = kept.find((s) => s.name === stage.name);
      const data = { position, environmentId: stage.environmentId, requiresConfirmation: stage.requiresConfirmation };
      if (existing) await tx.pipelineStage.update({ where: { id: existing.id }, data });
      else await tx.pipelineStage.create({ data: { id: newId(), serviceId: service.id, name: stage.name, ...data } });
    }
    await recordAuditEvent(tx, {
      actor: { id: caller.userId, email: caller.email },
      action: "pipeline.update",
      target: { type: "service", id: service.id },
      teamId: service.teamId,
      before: { stages: before.map((s) => ({ name: s.name, environmentId: s.environmentId, requiresConfirmation: s.requiresConfirmation })) },
      after: {
        service: service.name,
        stages: resolved.map((s) => ({ name: s.name, environment: s.environmentName, environmentId: s.environmentId, requiresConfirmation: s.requiresConfirmation })),
        ...(canceled.length ? { canceledDeployments: canceled } : {}),
      },
      ...(input.context ? { context: input.context } : {}),
    });
  });
}

/** Each stage's environment found and fit for the service; every problem reported at its stage. */
async function resolveStages(tx: Tx, service: Service, stages: SetPipelineInput["stages"]): Promise<Resolved[]> {
  const issues: FieldIssue[] = [];
  const resolved: Resolved[] = [];
  const names = new Map<string, number>();
  const environments = new Map<string, number>();
  for (const [index, stage] of stages.entries()) {
    const at = `stages.${index}`;
    if (names.has(stage.name)) issues.push({ path: `${at}.name`, message: `is already the name of stage ${names.get(stage.name)! + 1}; stage names are unique` });
    else names.set(stage.name, index);
    let environment;
    try {
      environment = await findServiceEnvironment(tx, service.teamId, stage.environment);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      issues.push({ path: `${at}.environment`, message: `the service's team has no environment ${stage.environment}` });
      continue;
    }
    if (environments.has(environment.id)) {
      issues.push({ path: `${at}.environment`, message: `${environment.name} is already stage ${environments.get(environment.id)! + 1}'s environment; each stage needs its own` });
      continue;
    }
    environments.set(environment.id, index);
    if (!hasGroup(environment, service.instanceGroup)) {
      issues.push({ path: `${at}.environment`, message: `${environment.name} has no instance group ${service.instanceGroup}, which service ${service.name} runs on; choose an environment made from its template` });
      continue;
    }
    resolved.push({ name: stage.name, environmentId: environment.id, environmentName: environment.name, requiresConfirmation: stage.requiresConfirmation });
  }
  if (issues.length) throw new Invalid(issues.map((i) => `${i.path}: ${i.message}`).join("; "), issues);
  return resolved;
}

async function cancelAwaitingOn(tx: Tx, stageIds: string[], caller: Caller): Promise<string[]> {
  if (!stageIds.length) return [];
  const waiting = await tx.deployment.findMany({ where: { stageId: { in: stageIds }, state: "awaiting_confirmation" }, select: { id: true } });
  if (!waiting.length) return [];
  await tx.deployment.updateMany({
    where: { id: { in: waiting.map((d) => d.id) }, state: "awaiting_confirmation" },
    data: { state: "canceled", finishedAt: new Date(), reason: `Its pipeline stage was removed by ${caller.email} before it was confirmed` },
  });
  return waiting.map((d) => d.id);
}
