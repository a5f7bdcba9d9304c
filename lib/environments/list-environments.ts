import type { Tx } from "../db/client";
import type { Prisma } from "../db/generated/client";
import type { Caller } from "../identity/caller";
import { teamIdsWith } from "../identity/permissions";
import type { ListEnvironmentsInput } from "./schemas";
import { pageOf, type Page } from "../pagination/page";

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

export type { Page };

/** Server-side paginated and searchable; scoped to the teams the caller can read. */
export async function listEnvironments(db: Tx, caller: Caller, input: ListEnvironmentsInput): Promise<Page<EnvironmentSummary>> {
  const teamIds = teamIdsWith(caller, "environment:read");
  const teamFilter = input.team ? caller.memberships.find((m) => m.teamId === input.team || m.teamSlug === input.team)?.teamId : undefined;
  const where: Prisma.EnvironmentWhereInput = {
    // A team filter naming a team the caller is not in matches nothing (not "all my teams").
    teamId: { in: input.team ? teamIds.filter((id) => id === teamFilter) : teamIds },
    ...(input.state === "active" ? { state: { not: "destroyed" } } : input.state ? { state: input.state } : {}),
    ...(input.template
      ? {
          templateVersion: {
            template: { OR: [{ id: input.template }, { slug: input.template }] },
            ...(input.templateVersion ? { version: input.templateVersion } : {}),
          },
        }
      : {}),
    ...(input.search
      ? {
          OR: [
            { name: { contains: input.search, mode: "insensitive" } },
            { owner: { email: { contains: input.search, mode: "insensitive" } } },
            { templateVersion: { template: { name: { contains: input.search, mode: "insensitive" } } } },
          ],
        }
      : {}),
  };
  const [rows, total] = await Promise.all([
    db.environment.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (input.page - 1) * input.pageSize,
      take: input.pageSize,
      include: {
        team: { select: { id: true, slug: true, name: true } },
        owner: { select: { id: true, name: true, email: true } },
        templateVersion: { select: { version: true, template: { select: { slug: true, name: true } } } },
        _count: { select: { instances: { where: { state: { not: "terminated" } } } } },
      },
    }),
    db.environment.count({ where }),
  ]);
  return pageOf(
    rows.map((row) => ({
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
    })),
    total,
    input,
  );
}
