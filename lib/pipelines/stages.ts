// Reading a service's pipeline stages: in order, and the stage an environment is bound to (a
// deploy straight to a stage's environment is a deploy to that stage, with its confirmation).
import type { Tx } from "../db/client";
import type { Environment, PipelineStage } from "../db/generated/client";
import { Conflict, NotFound } from "../errors";
import type { Plan } from "../templates/resolve-plan";

export async function pipelineStages(tx: Tx, serviceId: string): Promise<PipelineStage[]> {
  return tx.pipelineStage.findMany({ where: { serviceId }, orderBy: { position: "asc" } });
}

/** The service's stage bound to this environment, if any (a pipeline binds each environment once). */
export async function stageOfEnvironment(tx: Tx, serviceId: string, environmentId: string): Promise<PipelineStage | null> {
  return tx.pipelineStage.findFirst({ where: { serviceId, environmentId }, orderBy: { position: "asc" } });
}

/** A stage by name and the one after it (null for the last); 404 at `path` when there is no such stage. */
export async function stageAndNext(tx: Tx, serviceId: string, name: string, path = "from"): Promise<{ stage: PipelineStage; next: PipelineStage | null }> {
  const stages = await pipelineStages(tx, serviceId);
  const index = stages.findIndex((s) => s.name === name.toLowerCase());
  if (index < 0) {
    const names = stages.map((s) => s.name).join(", ");
    const message = stages.length ? `the pipeline has no stage ${name}; its stages are ${names}` : `the service has no pipeline yet; add stages first`;
    throw new NotFound(`${path}: ${message}`, [{ path, message }]);
  }
  return { stage: stages[index]!, next: stages[index + 1] ?? null };
}

/** The stage after `stage`, or a 409 at `path` saying it is the last. */
export function requireNext(stage: PipelineStage, next: PipelineStage | null, path = "from"): PipelineStage {
  if (!next) {
    const message = `${stage.name} is the last stage of the pipeline; there is nothing to promote to`;
    throw new Conflict(`${path}: ${message}`, [{ path, message }]);
  }
  return next;
}

/** True when the environment runs the instance group the service deploys to. */
export function hasGroup(environment: Pick<Environment, "plan">, group: string): boolean {
  const plan = environment.plan as unknown as Plan | null;
  return Array.isArray(plan?.groups) && plan.groups.some((g) => g.name === group);
}

/**
 * The stage a deployment could be promoted to (the deployment page's Promote button), or null:
 * its environment is no stage of the service's pipeline, or the last one.
 */
export async function nextStageOf(tx: Tx, deployment: { serviceId: string; environmentId: string }): Promise<PipelineStage | null> {
  const stages = await pipelineStages(tx, deployment.serviceId);
  const index = stages.findIndex((s) => s.environmentId === deployment.environmentId);
  return index < 0 ? null : (stages[index + 1] ?? null);
}
