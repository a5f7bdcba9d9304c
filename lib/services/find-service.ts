// Authorization lives in the query: a service of a team the caller cannot read does not exist
// for them (404, never 403), so ids and names of other teams leak nothing. A service is named by
// its id or, within the caller's teams, by its name.
import type { Tx } from "../db/client";
import { Forbidden, invalidField, NotFound } from "../errors";
import type { Caller } from "../identity/caller";
import { hasTeamPermission, teamIdsWith } from "../identity/permissions";

export async function findReadableService(db: Tx, caller: Caller, reference: string) {
  const matches = await db.service.findMany({
    where: { teamId: { in: teamIdsWith(caller, "environment:read") }, OR: [{ id: reference }, { name: reference.toLowerCase() }] },
    take: 3,
  });
  const byId = matches.find((service) => service.id === reference);
  if (byId) return byId;
  if (matches.length > 1) throw invalidField("service", `several of your teams have a service named ${reference}; use its id`);
  const [service] = matches;
  if (!service) throw new NotFound(`Service ${reference} not found`, [{ path: "service", message: "not found" }]);
  return service;
}

/** Readable but not writable (a viewer) is 403: the caller can already see it exists. */
export async function findWritableService(db: Tx, caller: Caller, reference: string) {
  const service = await findReadableService(db, caller, reference);
  if (!hasTeamPermission(caller, service.teamId, "environment:write")) {
    throw new Forbidden(`Your role in this service's team cannot change it or create its releases`);
  }
  return service;
}
