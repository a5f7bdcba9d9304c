// Authorization lives in the query: an environment of a team the caller cannot read does not
// exist for them (404, never 403, so ids of other teams leak nothing).
import type { Tx } from "../db/client";
import { Forbidden, NotFound } from "../errors";
import type { Caller } from "../identity/caller";
import { hasTeamPermission, teamIdsWith } from "../identity/permissions";

export async function findReadableEnvironment(db: Tx, caller: Caller, environmentId: string) {
  const environment = await db.environment.findFirst({ where: { id: environmentId, teamId: { in: teamIdsWith(caller, "environment:read") } } });
  if (!environment) throw new NotFound(`Environment ${environmentId} not found`);
  return environment;
}

/** Readable but not writable (a viewer) is 403: the caller can already see it exists. */
export async function findWritableEnvironment(db: Tx, caller: Caller, environmentId: string) {
  const environment = await findReadableEnvironment(db, caller, environmentId);
  if (!hasTeamPermission(caller, environment.teamId, "environment:write")) {
    throw new Forbidden("Your role in this environment's team cannot change it");
  }
  return environment;
}
