// Deploy a release of a service to an environment of the service's team, as the caller asked
// (API, UI, CLI): the release and the environment are named by id or by version/name, and each is
// found only within what the caller may see (another team's is not found, at its field).
import type { Db, Tx } from "../db/client";
import { NotFound } from "../errors";
import type { RequestContext } from "../audit/record-audit-event";
import type { Caller } from "../identity/caller";
import { stageOfEnvironment } from "../pipelines/stages";
import { findWritableService } from "../services/find-service";
import { queueDeployment, type DeploymentSource, type QueuedDeployment } from "./queue-deployment";
import type { RequestDeploymentInput } from "./schemas";

export async function requestDeployment(
  db: Db,
  caller: Caller,
  input: RequestDeploymentInput & { service: string; source?: DeploymentSource; context?: RequestContext },
): Promise<QueuedDeployment> {
  return db.$transaction(async (tx) => {
    const service = await findWritableService(tx, caller, input.service);
    const release = await findRelease(tx, service.id, input.release);
    const environment = await findServiceEnvironment(tx, service.teamId, input.environment);
    // A deploy straight to a pipeline stage's environment is a deploy to that stage: its
    // confirmation is asked for however the deployment was requested.
    const stage = await stageOfEnvironment(tx, service.id, environment.id);
    return queueDeployment(tx, {
      service,
      release,
      environmentId: environment.id,
      strategy: input.strategy,
      source: input.source ?? "api",
      ...(stage ? { stageId: stage.id, awaitConfirmation: stage.requiresConfirmation } : {}),
      actor: { id: caller.userId, email: caller.email },
      requestedById: caller.userId,
      context: input.context,
    });
  });
}

/** A release of the service by version or id (404 at `release`). */
export async function findRelease(tx: Tx, serviceId: string, reference: string) {
  const release = await tx.release.findFirst({ where: { serviceId, OR: [{ version: reference }, { id: reference }] } });
  if (!release) throw new NotFound(`Release ${reference} not found`, [{ path: "release", message: `the service has no release ${reference}` }]);
  return release;
}

/** A live environment of the team by id or name (404 at `environment`: other teams' do not exist here). */
export async function findServiceEnvironment(tx: Tx, teamId: string, reference: string) {
  const environment = await tx.environment.findFirst({ where: { teamId, destroyedAt: null, OR: [{ id: reference }, { liveName: reference.toLowerCase() }] } });
  if (!environment) throw new NotFound(`Environment ${reference} not found`, [{ path: "environment", message: `the service's team has no environment ${reference}` }]);
  return environment;
}
