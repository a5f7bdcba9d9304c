// One-click rollback: deploys the release that was live before the given deployment (the
// previous successful one on its environment) as a deployment of its own, marked `rollbackOf`.
// Inside a blue-green grace period the previous set still runs, and the deploy switches back to
// it without launching.
import type { Db } from "../db/client";
import { Conflict } from "../errors";
import type { RequestContext } from "../audit/record-audit-event";
import type { Caller } from "../identity/caller";
import { findWritableService } from "../services/find-service";
import { findReadableDeployment } from "./find-deployment";
import { queueDeployment, type QueuedDeployment } from "./queue-deployment";

export async function rollbackDeployment(db: Db, caller: Caller, input: { deploymentId: string; context?: RequestContext }): Promise<QueuedDeployment> {
  return db.$transaction(async (tx) => {
    const deployment = await findReadableDeployment(tx, caller, input.deploymentId);
    const service = await findWritableService(tx, caller, deployment.serviceId);
    // What to go back to: the release live before this deployment, else the newest success before it.
    const target = deployment.fromReleaseId
      ? await tx.release.findUnique({ where: { id: deployment.fromReleaseId } })
      : (
          await tx.deployment.findFirst({
            where: { serviceId: service.id, environmentId: deployment.environmentId, state: "succeeded", releaseId: { not: deployment.releaseId }, createdAt: { lt: deployment.createdAt } },
            orderBy: [{ createdAt: "desc" }, { id: "desc" }],
            include: { release: true },
          })
        )?.release;
    if (!target) throw new Conflict(`Nothing to roll back to: no release was live on this environment before ${deployment.release.version}`);
    if (deployment.state === "queued" || deployment.state === "running" || deployment.state === "awaiting_confirmation") {
      throw new Conflict(`Deployment of ${deployment.release.version} is ${deployment.state.replace("_", " ")}; cancel it instead, or roll back once it has finished`);
    }
    return queueDeployment(tx, {
      service,
      release: target,
      environmentId: deployment.environmentId,
      strategy: { type: "blue-green", graceMinutes: 0 },
      source: "rollback",
      rollbackOfId: deployment.id,
      actor: { id: caller.userId, email: caller.email },
      requestedById: caller.userId,
      context: input.context,
    });
  });
}
