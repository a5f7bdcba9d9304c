// Authorization lives in the query: a deployment of a team the caller cannot read does not exist
// for them (404).
import type { Tx } from "../db/client";
import { NotFound } from "../errors";
import type { Caller } from "../identity/caller";
import { teamIdsWith } from "../identity/permissions";

export async function findReadableDeployment(db: Tx, caller: Caller, deploymentId: string) {
  const deployment = await db.deployment.findFirst({
    where: { id: deploymentId, teamId: { in: teamIdsWith(caller, "environment:read") } },
    include: { release: { select: { version: true } } },
  });
  if (!deployment) throw new NotFound(`Deployment ${deploymentId} not found`);
  return deployment;
}
