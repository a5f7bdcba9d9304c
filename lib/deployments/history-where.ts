// The filters of deploy history as one Prisma `where` on Deployment, scoped to the caller's
// readable teams. Names (service, environment, person, a search term) are first turned into ids
// on their small tables, so the history query itself stays on Deployment's
// (teamId | serviceId | environmentId, createdAt, id) indexes instead of joining per row.
import type { Tx } from "../db/client";
import type { Prisma } from "../db/generated/client";
import type { Caller } from "../identity/caller";
import { teamIdsWith } from "../identity/permissions";
import { createdAtRange, type DeploymentFilters } from "./history-schemas";

/** More matches than this for a search term are narrowed by the term's other fields instead. */
const MAX_IDS = 1000;
const ids = (rows: { id: string }[]) => rows.map((row) => row.id);

/** null: nothing can match (e.g. a service no readable team has). */
export async function historyWhere(db: Tx, caller: Caller, filters: DeploymentFilters): Promise<Prisma.DeploymentWhereInput | null> {
  const teamIds = teamIdsWith(caller, "environment:read");
  if (teamIds.length === 0) return null;
  const and: Prisma.DeploymentWhereInput[] = [{ teamId: teamIds.length === 1 ? teamIds[0]! : { in: teamIds } }];

  if (filters.service) {
    const services = ids(await db.service.findMany({ where: { teamId: { in: teamIds }, OR: [{ id: filters.service }, { name: filters.service.toLowerCase() }] }, select: { id: true } }));
    if (services.length === 0) return null;
    and.push({ serviceId: services.length === 1 ? services[0]! : { in: services } });
  }
  if (filters.environment) {
    const environments = ids(
      await db.environment.findMany({
        where: { teamId: { in: teamIds }, OR: [{ id: filters.environment }, { name: { equals: filters.environment, mode: "insensitive" } }] },
        select: { id: true },
        take: MAX_IDS,
      }),
    );
    if (environments.length === 0) return null;
    and.push({ environmentId: environments.length === 1 ? environments[0]! : { in: environments } });
  }
  if (filters.person) {
    const people = ids(await db.user.findMany({ where: { OR: [{ id: filters.person }, { email: { equals: filters.person, mode: "insensitive" } }] }, select: { id: true } }));
    if (people.length === 0) return null;
    and.push({ requestedById: { in: people } });
  }
  if (filters.release) and.push({ release: { version: filters.release } });
  if (filters.result) and.push({ state: filters.result.length === 1 ? filters.result[0]! : { in: filters.result } });
  if (filters.from || filters.to) and.push({ createdAt: createdAtRange(filters) });
  if (filters.q) {
    const search = await searchWhere(db, teamIds, filters.q);
    if (!search) return null;
    and.push(search);
  }
  return { AND: and };
}

/** A search term matches part of a release version, a service or environment name, or a requester's email. */
async function searchWhere(db: Tx, teamIds: string[], q: string): Promise<Prisma.DeploymentWhereInput | null> {
  const like = { contains: q, mode: "insensitive" } as const;
  const [services, environments, people, releases] = await Promise.all([
    db.service.findMany({ where: { teamId: { in: teamIds }, name: like }, select: { id: true }, take: MAX_IDS }),
    db.environment.findMany({ where: { teamId: { in: teamIds }, name: like }, select: { id: true }, take: MAX_IDS }),
    // Any user's email: someone who left the team still finds the deployments they asked for.
    db.user.findMany({ where: { email: like }, select: { id: true }, take: MAX_IDS }),
    db.release.findMany({ where: { service: { teamId: { in: teamIds } }, version: like }, select: { id: true }, take: MAX_IDS + 1 }),
  ]);
  const or: Prisma.DeploymentWhereInput[] = [];
  if (services.length > 0) or.push({ serviceId: { in: ids(services) } });
  if (environments.length > 0) or.push({ environmentId: { in: ids(environments) } });
  if (people.length > 0) or.push({ requestedById: { in: ids(people) } });
  // A very common version fragment ("1.") matches too many releases to list: match it per row.
  if (releases.length > MAX_IDS) or.push({ release: { version: like } });
  else if (releases.length > 0) or.push({ releaseId: { in: ids(releases) } });
  return or.length === 0 ? null : { OR: or };
}
