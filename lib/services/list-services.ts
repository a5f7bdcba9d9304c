import type { Tx } from "../db/client";
import type { Prisma } from "../db/generated/client";
import type { Caller } from "../identity/caller";
import { teamIdsWith } from "../identity/permissions";
import { pageOf, type Page } from "../pagination/page";
import type { ListServicesInput } from "./schemas";
import { serviceView, serviceViewInclude, type ServiceView } from "./service-view";

/** Server-side paginated, searchable by name and description; scoped to the teams the caller can read. */
export async function listServices(db: Tx, caller: Caller, input: ListServicesInput): Promise<Page<ServiceView>> {
  const teamIds = teamIdsWith(caller, "environment:read");
  const teamFilter = input.team ? caller.memberships.find((m) => m.teamId === input.team || m.teamSlug === input.team)?.teamId : undefined;
  const where: Prisma.ServiceWhereInput = {
    // A team filter naming a team the caller is not in matches nothing (not "all my teams").
    teamId: { in: input.team ? teamIds.filter((id) => id === teamFilter) : teamIds },
    ...(input.search
      ? { OR: [{ name: { contains: input.search, mode: "insensitive" } }, { description: { contains: input.search, mode: "insensitive" } }] }
      : {}),
  };
  const [rows, total] = await Promise.all([
    db.service.findMany({ where, orderBy: [{ name: "asc" }, { id: "asc" }], skip: (input.page - 1) * input.pageSize, take: input.pageSize, include: serviceViewInclude }),
    db.service.count({ where }),
  ]);
  return pageOf(
    rows.map((row) => serviceView(row, caller)),
    total,
    input,
  );
}
