import { z } from "zod";
import type { Tx } from "../db/client";
import type { Prisma } from "../db/generated/client";
import type { Caller } from "../identity/caller";
import { teamIdsWith } from "../identity/permissions";
import { keysetList, type KeysetSort, type ListPage } from "../pagination/keyset-list";
import type { ListServicesInput } from "./schemas";
import { serviceView, serviceViewInclude, type ServiceView } from "./service-view";

type ServiceRow = Prisma.ServiceGetPayload<{ include: typeof serviceViewInclude }>;

/** By name (then id); the cursor holds both. */
export const servicesByName: KeysetSort<ServiceRow, [string, string]> = {
  name: "services:name",
  field: "name",
  order: "asc",
  key: z.tuple([z.string().max(200), z.string().min(1).max(100)]),
  keyOf: (row) => [row.name, row.id],
};

/** Keyset pages by name, searchable by name and description; scoped to the teams the caller can read. */
export async function listServices(db: Tx, caller: Caller, input: ListServicesInput): Promise<ListPage<ServiceView>> {
  const teamIds = teamIdsWith(caller, "environment:read");
  const teamFilter = input.team ? caller.memberships.find((m) => m.teamId === input.team || m.teamSlug === input.team)?.teamId : undefined;
  const where: Prisma.ServiceWhereInput = {
    // A team filter naming a team the caller is not in matches nothing (not "all my teams").
    teamId: { in: input.team ? teamIds.filter((id) => id === teamFilter) : teamIds },
    ...(input.search
      ? { OR: [{ name: { contains: input.search, mode: "insensitive" } }, { description: { contains: input.search, mode: "insensitive" } }] }
      : {}),
  };
  const page = await keysetList({
    sort: servicesByName,
    cursor: input.cursor,
    limit: input.limit,
    where,
    findMany: (args) => db.service.findMany({ ...args, include: serviceViewInclude }),
    count: (args) => db.service.count(args),
  });
  return { ...page, items: page.items.map((row) => serviceView(row, caller)) };
}
