// Queues a deployment: every way one is asked for (the API and UI, a rollback, a promotion, a
// confirmed pipeline stage, the CI webhook) ends here, under the environment's lock. Checks what
// can only be checked against the environment (its team, state, template and group size), then
// writes the Deployment, its `deploy` Run (none while a confirmation is awaited) and an audit
// event in the caller's transaction. The run queues behind any other run on the environment.
import type { Tx } from "../db/client";
import type { Environment, Release, Service } from "../db/generated/client";
import { newId } from "../db/ids";
import { Conflict, Invalid } from "../errors";
import { recordAuditEvent, type AuditActor, type RequestContext } from "../audit/record-audit-event";
import { lockEnvironment } from "../environments/apply-upgrade";
import type { OutboxJob } from "../queue/outbox";
import { createRun } from "../runs/create-run";
import type { Plan } from "../templates/resolve-plan";
import { healthCheckSchema, strategySchema, type Strategy } from "../services/schemas";
import type { DeployInput } from "./deploy-input";
import { MAX_USER_DATA_BYTES, userDataWithRelease } from "./release-user-data";
import { checkStrategyFits } from "./strategy-batches";

export type DeploymentSource = "ui" | "api" | "webhook" | "promotion" | "rollback";

export type DeploymentSpec = {
  service: Service;
  release: Release;
  environmentId: string;
  strategy?: Strategy | undefined;
  source: DeploymentSource;
  rollbackOfId?: string;
  stageId?: string;
  /** A stage that needs a team admin's confirmation: written awaiting it, with no run yet. */
  awaitConfirmation?: boolean;
  actor: AuditActor;
  requestedById: string | null;
  context?: RequestContext | undefined;
};

export type QueuedDeployment = { deploymentId: string; runId: string | null; outbox: OutboxJob | null };

/** States a deployment may be requested in: ready, or busy with runs that leave it ready. */
const DEPLOYABLE = new Set(["ready", "updating"]);

export async function queueDeployment(tx: Tx, spec: DeploymentSpec): Promise<QueuedDeployment> {
  const environment = await lockEnvironment(tx, spec.environmentId);
  const { service, release } = spec;
  if (environment.teamId !== service.teamId) {
    // Found through the service's team only, so this is a bug in the caller, not a user error.
    throw new Invalid("environment: belongs to another team than the service", [{ path: "environment", message: "belongs to another team than the service" }]);
  }
  const deploymentId = newId();
  const { input, live } = await planDeploy(tx, environment, { deploymentId, service, release, strategy: spec.strategy ?? service.defaultStrategy, source: spec.source });
  const { strategy } = input;
  const run = spec.awaitConfirmation ? null : await createRun(tx, { environmentId: environment.id, kind: "deploy", requestedById: spec.requestedById, input });
  await tx.deployment.create({
    data: {
      id: deploymentId,
      serviceId: service.id,
      teamId: service.teamId,
      releaseId: release.id,
      environmentId: environment.id,
      runId: run?.runId ?? null,
      strategy,
      state: run ? "queued" : "awaiting_confirmation",
      fromReleaseId: live?.releaseId ?? null,
      previousDeploymentId: live?.id ?? null,
      rollbackOfId: spec.rollbackOfId ?? null,
      stageId: spec.stageId ?? null,
      source: spec.source,
      requestedById: spec.requestedById,
    },
  });
  await recordAuditEvent(tx, {
    actor: spec.actor,
    action: spec.source === "rollback" ? "deployment.rollback" : "deployment.request",
    target: { type: "deployment", id: deploymentId },
    teamId: service.teamId,
    before: live ? { release: live.version, deploymentId: live.id } : null,
    after: {
      service: service.name,
      environment: environment.name,
      environmentId: environment.id,
      release: release.version,
      strategy,
      source: spec.source,
      runId: run?.runId ?? null,
      ...(spec.rollbackOfId ? { rollbackOf: spec.rollbackOfId } : {}),
      ...(spec.stageId ? { stageId: spec.stageId } : {}),
      ...(spec.awaitConfirmation ? { awaitingConfirmation: true } : {}),
    },
    ...(spec.context ? { context: spec.context } : {}),
  });
  return { deploymentId, runId: run?.runId ?? null, outbox: run?.outbox ?? null };
}

/**
 * Starts a deployment that awaited a confirmation: its run is created now (queued behind the
 * environment's other runs), with the input written when it was asked for.
 */
export async function startAwaitingDeployment(tx: Tx, deploymentId: string, options: { requestedById: string | null }): Promise<{ runId: string; outbox: OutboxJob }> {
  const deployment = await tx.deployment.findUniqueOrThrow({ where: { id: deploymentId }, include: { service: true, release: true } });
  const environment = await lockEnvironment(tx, deployment.environmentId);
  // Checked again: the environment may have changed while the deployment awaited its confirmation.
  const { input, live } = await planDeploy(tx, environment, { deploymentId, service: deployment.service, release: deployment.release, strategy: deployment.strategy, source: deployment.source });
  const run = await createRun(tx, { environmentId: environment.id, kind: "deploy", requestedById: options.requestedById, input });
  await tx.deployment.update({
    where: { id: deploymentId },
    data: { runId: run.runId, state: "queued", fromReleaseId: live?.releaseId ?? null, previousDeploymentId: live?.id ?? null },
  });
  return run;
}

/**
 * What a deploy run carries, after every check that needs the (locked) environment: its
 * template and group, the strategy against the group's size, its state, and the user data's size.
 */
async function planDeploy(
  tx: Tx,
  environment: Environment,
  what: { deploymentId: string; service: Service; release: Release; strategy: unknown; source: string },
): Promise<{ input: DeployInput; live: Awaited<ReturnType<typeof liveDeployment>> }> {
  const { service, release } = what;
  await checkSameTemplate(tx, environment, service);
  const desired = groupSize(environment, service);
  const strategy = strategySchema.parse(what.strategy);
  checkStrategyFits(strategy, desired);
  if (!DEPLOYABLE.has(environment.state)) {
    const message = `${environment.name} is ${environment.state}; deploy once it is ready`;
    throw new Conflict(`environment: ${message}`, [{ path: "environment", message }]);
  }
  const live = await liveDeployment(tx, service.id, environment.id);
  const input: DeployInput = {
    deploymentId: what.deploymentId,
    service: { id: service.id, name: service.name, group: service.instanceGroup, stableAddresses: service.stableAddresses },
    release: { id: release.id, version: release.version, artifactType: release.artifactType, artifact: release.artifact, config: release.config as Record<string, string> },
    fromRelease: live ? { id: live.releaseId, version: live.version } : null,
    strategy,
    healthCheck: healthCheckSchema.parse(service.healthCheck),
    desired,
    rollback: what.source === "rollback",
  };
  checkUserDataFits(environment, input);
  return { input, live };
}

/** A service runs on one template's group: an environment made from another template is refused. */
async function checkSameTemplate(tx: Tx, environment: Environment, service: Service): Promise<void> {
  const version = await tx.templateVersion.findUniqueOrThrow({ where: { id: environment.templateVersionId }, select: { templateId: true, template: { select: { slug: true } } } });
  if (version.templateId === service.templateId) return;
  const message = `${environment.name} is made from template ${version.template.slug}, and service ${service.name} runs on another template; deploy to an environment made from the service's template`;
  throw new Conflict(`environment: ${message}`, [{ path: "environment", message }]);
}

/** How many instances the service's group runs on the environment; refused when it has none. */
function groupSize(environment: Environment, service: Service): number {
  const group = (environment.plan as unknown as Plan).groups.find((g) => g.name === service.instanceGroup);
  if (!group) {
    const message = `${environment.name} has no instance group ${service.instanceGroup}, which service ${service.name} runs on; deploy to an environment made from its template`;
    throw new Conflict(`environment: ${message}`, [{ path: "environment", message }]);
  }
  return group.count;
}

function checkUserDataFits(environment: Environment, input: DeployInput): void {
  const group = (environment.plan as unknown as Plan).groups.find((g) => g.name === input.service.group);
  const rendered = userDataWithRelease(group?.userData, { ...input.release, service: input.service.name });
  const bytes = Buffer.byteLength(rendered);
  if (bytes > MAX_USER_DATA_BYTES) {
    const message = `with the template's user data the release makes ${Math.ceil(bytes / 1024)} KB of user data; EC2 takes at most 16 KB, so trim its config`;
    throw new Invalid(`release.config: ${message}`, [{ path: "release.config", message }]);
  }
}

/** The deployment whose release is live on the environment for the service: the newest that succeeded. */
export async function liveDeployment(tx: Tx, serviceId: string, environmentId: string): Promise<{ id: string; releaseId: string; version: string } | null> {
  const row = await tx.deployment.findFirst({
    where: { serviceId, environmentId, state: "succeeded" },
    orderBy: [{ finishedAt: "desc" }, { id: "desc" }],
    select: { id: true, releaseId: true, release: { select: { version: true } } },
  });
  return row ? { id: row.id, releaseId: row.releaseId, version: row.release.version } : null;
}

export type { Release, Service };
