// Reading templates, scoped to what the caller's teams may use (template-access.ts): a template
// they may not use is "not found", like an id that does not exist.
import { z } from "zod";
import type { Tx } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { NotFound } from "../errors";
import type { Caller } from "../identity/caller";
import { teamIdsWith } from "../identity/permissions";
import { keysetList, type KeysetSort, type ListPage } from "../pagination/keyset-list";
import { canManageTemplate, usableTemplateWhere } from "./template-access";
import type { TemplateSpec } from "./template-spec";

export type TemplateSummary = {
  id: string;
  slug: string;
  name: string;
  description: string;
  ownerTeam: { id: string; slug: string; name: string } | null;
  sharedWithAll: boolean;
  sharedWith: { slug: string; name: string }[];
  archivedAt: Date | null;
  /** What publishing a version does to environments made from older ones. */
  upgradePolicy: "manual" | "automatic";
  latestVersion: { id: string; version: number; createdAt: Date; deprecatedAt: Date | null } | null;
  /** The caller may publish, deprecate, archive and share it. */
  canManage: boolean;
};

const summaryInclude = {
  ownerTeam: { select: { id: true, slug: true, name: true } },
  teams: { select: { teamId: true, team: { select: { slug: true, name: true } } } },
  versions: { orderBy: { version: "desc" }, take: 1, select: { id: true, version: true, createdAt: true, deprecatedAt: true } },
} satisfies Prisma.TemplateInclude;

type SummaryRow = Prisma.TemplateGetPayload<{ include: typeof summaryInclude }>;

function summaryOf(caller: Caller, row: SummaryRow): TemplateSummary {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    description: row.description,
    ownerTeam: row.ownerTeam,
    sharedWithAll: row.sharedWithAll,
    sharedWith: row.teams.map((t) => t.team),
    archivedAt: row.archivedAt,
    upgradePolicy: row.upgradePolicy,
    latestVersion: row.versions[0] ?? null,
    canManage: canManageTemplate(caller, row),
  };
}

/** By name (then id); the cursor holds both. */
export const templatesByName: KeysetSort<SummaryRow, [string, string]> = {
  name: "templates:name",
  field: "name",
  order: "asc",
  key: z.tuple([z.string().max(300), z.string().min(1).max(100)]),
  keyOf: (row) => [row.name, row.id],
};

/** Keyset pages by name of the templates the caller may use, searchable by name and slug. */
export async function listTemplates(
  db: Tx,
  caller: Caller,
  options: { search?: string; cursor?: string; limit?: number; includeArchived?: boolean } = {},
): Promise<ListPage<TemplateSummary>> {
  const where: Prisma.TemplateWhereInput = {
    AND: [
      usableTemplateWhere(caller),
      options.includeArchived ? {} : { archivedAt: null },
      options.search
        ? { OR: [{ name: { contains: options.search, mode: "insensitive" } }, { slug: { contains: options.search, mode: "insensitive" } }] }
        : {},
    ],
  };
  const page = await keysetList({
    sort: templatesByName,
    cursor: options.cursor,
    limit: options.limit ?? 50,
    where,
    findMany: (args) => db.template.findMany({ ...args, include: summaryInclude }),
    count: (args) => db.template.count(args),
  });
  return { ...page, items: page.items.map((row) => summaryOf(caller, row)) };
}

export type TemplateVersionDetail = {
  id: string;
  version: number;
  source: string;
  spec: TemplateSpec;
  changeNote: string | null;
  deprecatedAt: Date | null;
  createdAt: Date;
};
export type TemplateDetail = TemplateSummary & { version: TemplateVersionDetail };

/**
 * By id or slug; the newest version unless one is asked for (404 for a version that does not
 * exist). `requestable`: only a template that is not archived, at its newest version that is not
 * deprecated (what a request without a version gets).
 */
export async function getTemplate(db: Tx, caller: Caller, idOrSlug: string, version?: number, options: { requestable?: boolean } = {}): Promise<TemplateDetail> {
  const row = await db.template.findFirst({
    where: { AND: [{ OR: [{ id: idOrSlug }, { slug: idOrSlug }] }, usableTemplateWhere(caller), options.requestable ? { archivedAt: null } : {}] },
    include: summaryInclude,
  });
  if (!row) throw new NotFound(`Template ${idOrSlug} not found`);
  const found = await db.templateVersion.findFirst({
    where: { templateId: row.id, ...(version ? { version } : {}), ...(options.requestable ? { deprecatedAt: null } : {}) },
    orderBy: { version: "desc" },
    select: { id: true, version: true, source: true, spec: true, changeNote: true, deprecatedAt: true, createdAt: true },
  });
  if (!found) {
    throw new NotFound(version ? `Template ${row.slug} has no version ${version}` : `Template ${row.slug} has no published version`, [
      { path: version ? "version" : "template", message: version ? `no version ${version}` : "no published version" },
    ]);
  }
  return { ...summaryOf(caller, row), version: { ...found, spec: found.spec as unknown as TemplateSpec } };
}

export type TemplateVersionSummary = {
  version: number;
  createdAt: Date;
  createdBy: string | null;
  changeNote: string | null;
  deprecatedAt: Date | null;
  /** Live environments (not destroyed) of the caller's teams on this version. */
  environments: number;
};

/** Every version, newest first, with how many of the caller's live environments run each. */
export async function listTemplateVersions(db: Tx, caller: Caller, idOrSlug: string): Promise<TemplateVersionSummary[]> {
  const template = await db.template.findFirst({ where: { AND: [{ OR: [{ id: idOrSlug }, { slug: idOrSlug }] }, usableTemplateWhere(caller)] }, select: { id: true } });
  if (!template) throw new NotFound(`Template ${idOrSlug} not found`);
  const teamIds = teamIdsWith(caller, "environment:read");
  const versions = await db.templateVersion.findMany({
    where: { templateId: template.id },
    orderBy: { version: "desc" },
    select: {
      id: true,
      version: true,
      createdAt: true,
      createdById: true,
      changeNote: true,
      deprecatedAt: true,
      _count: { select: { environments: { where: { state: { not: "destroyed" }, teamId: { in: teamIds } } } } },
    },
  });
  const authors = await db.user.findMany({ where: { id: { in: versions.map((v) => v.createdById).filter((id): id is string => Boolean(id)) } }, select: { id: true, email: true } });
  const emailOf = new Map(authors.map((a) => [a.id, a.email]));
  return versions.map((v) => ({
    version: v.version,
    createdAt: v.createdAt,
    createdBy: v.createdById ? (emailOf.get(v.createdById) ?? null) : null,
    changeNote: v.changeNote,
    deprecatedAt: v.deprecatedAt,
    environments: v._count.environments,
  }));
}
