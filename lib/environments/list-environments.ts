import { z } from "zod";
import type { Tx } from "../db/client";
import type { Prisma } from "../db/generated/client";
import type { Caller } from "../identity/caller";
import { teamIdsWith } from "../identity/permissions";
import { keysetList, type KeysetSort, type ListPage } from "../pagination/keyset-list";
import type { ListEnvironmentsInput } from "./schemas";
import { stateWhere } from "./state-filter";

export type EnvironmentSummary = {
  id: string;
  name: string;
  state: string;
  team: { id: string; slug: string; name: string };
  owner: { id: string; name: string; email: string };
  template: { slug: string; name: string; version: number };
  region: string;
  instanceCount: number;
  expiresAt: Date;
  createdAt: Date;
  readyAt: Date | null;
};

/** Newest first; the cursor holds the creation time (ISO) and the id. */
export const environmentsNewest: KeysetSort<EnvironmentRow, [string, string]> = {
  name: "environments:newest",
  field: "createdAt",
  order: "desc",
  key: z.tuple([z.iso.datetime(), z.string().min(1).max(100)]),
  keyOf: (row) => [row.createdAt.toISOString(), row.id],
  toValue: (key) => new Date(key[0]),
};

const include = {
  team: { select: { id: true, slug: true, name: true } },
  owner: { select: { id: true, name: true, email: true } },
  templateVersion: { select: { version: true, template: { select: { slug: true, name: true } } } },
  _count: { select: { instances: { where: { state: { not: "terminated" } } } } },
} satisfies Prisma.EnvironmentInclude;
type EnvironmentRow = Prisma.EnvironmentGetPayload<{ include: typeof include }>;

/**
 * Keyset pages (newest first), searchable, filtered by state (`active` by default), team and
 * template; scoped to the teams the caller can read. A deep page costs what the first does: the
 * query starts at the cursor on (teamId, createdAt, id) or (createdAt, id).
 */
export async function listEnvironments(db: Tx, caller: Caller, input: ListEnvironmentsInput): Promise<ListPage<EnvironmentSummary>> {
  const teamIds = teamIdsWith(caller, "environment:read");
  const teamFilter = input.team ? caller.memberships.find((m) => m.teamId === input.team || m.teamSlug === input.team)?.teamId : undefined;
  // A team filter naming a team the caller is not in matches nothing (not "all my teams").
  const teams = input.team ? teamIds.filter((id) => id === teamFilter) : teamIds;
  const where: Prisma.EnvironmentWhereInput = {
    teamId: teams.length === 1 ? teams[0]! : { in: teams },
    ...stateWhere(input.state),
    ...(input.template
      ? {
          templateVersion: {
            template: { OR: [{ id: input.template }, { slug: input.template }] },
            ...(input.templateVersion ? { version: input.templateVersion } : {}),
          },
        }
      : {}),
    ...(input.search ? await searchWhere(db, input.search) : {}),
  };
  const page = await keysetList({
    sort: environmentsNewest,
    cursor: input.cursor,
    limit: input.limit,
    where,
    findMany: (args) => db.environment.findMany({ ...args, include }),
    count: (args) => db.environment.count(args),
  });
  return { ...page, items: page.items.map(summaryOf) };
}

/** More owners or template versions than this matching a search are matched per row instead. */
const MAX_IDS = 1000;

/**
 * Part of the name, the owner's email or the template's name. Owners and template versions are
 * looked up first on their small tables, so the list's statement compares ids rather than
 * joining two tables for each environment (10,000 environments: ~110 ms a page → a few ms).
 */
async function searchWhere(db: Tx, search: string): Promise<Prisma.EnvironmentWhereInput> {
  const like = { contains: search, mode: "insensitive" } as const;
  const [owners, versions] = await Promise.all([
    db.user.findMany({ where: { email: like }, select: { id: true }, take: MAX_IDS + 1 }),
    db.templateVersion.findMany({ where: { template: { name: like } }, select: { id: true }, take: MAX_IDS + 1 }),
  ]);
  const ids = (rows: { id: string }[]) => rows.map((row) => row.id);
  const or: Prisma.EnvironmentWhereInput[] = [{ name: like }];
  if (owners.length > MAX_IDS) or.push({ owner: { email: like } });
  else if (owners.length > 0) or.push({ ownerId: { in: ids(owners) } });
  if (versions.length > MAX_IDS) or.push({ templateVersion: { template: { name: like } } });
  else if (versions.length > 0) or.push({ templateVersionId: { in: ids(versions) } });
  return { OR: or };
}

function summaryOf(row: EnvironmentRow): EnvironmentSummary {
  return {
    id: row.id,
    name: row.name,
    state: row.state,
    team: row.team,
    owner: row.owner,
    template: { slug: row.templateVersion.template.slug, name: row.templateVersion.template.name, version: row.templateVersion.version },
    region: row.region,
    instanceCount: row._count.instances,
    expiresAt: row.expiresAt,
    createdAt: row.createdAt,
    readyAt: row.readyAt,
  };
}
