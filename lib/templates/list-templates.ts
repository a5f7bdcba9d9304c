// Templates are shared across teams: any signed-in caller may read them.
import type { Tx } from "../db/client";
import { NotFound } from "../errors";
import type { TemplateSpec } from "./template-spec";

export type TemplateSummary = {
  id: string;
  slug: string;
  name: string;
  description: string;
  latestVersion: { id: string; version: number; createdAt: Date } | null;
};

export async function listTemplates(db: Tx, options: { search?: string; take?: number; skip?: number } = {}): Promise<{ items: TemplateSummary[]; total: number }> {
  const where = options.search
    ? { OR: [{ name: { contains: options.search, mode: "insensitive" as const } }, { slug: { contains: options.search, mode: "insensitive" as const } }] }
    : {};
  const [rows, total] = await Promise.all([
    db.template.findMany({
      where,
      orderBy: { name: "asc" },
      take: options.take ?? 50,
      skip: options.skip ?? 0,
      include: { versions: { orderBy: { version: "desc" }, take: 1, select: { id: true, version: true, createdAt: true } } },
    }),
    db.template.count({ where }),
  ]);
  return {
    items: rows.map((row) => ({ id: row.id, slug: row.slug, name: row.name, description: row.description, latestVersion: row.versions[0] ?? null })),
    total,
  };
}

export type TemplateDetail = TemplateSummary & { version: { id: string; version: number; source: string; spec: TemplateSpec } };

/** By id or slug; the latest version unless one is asked for. */
export async function getTemplate(db: Tx, idOrSlug: string, version?: number): Promise<TemplateDetail> {
  const template = await db.template.findFirst({
    where: { OR: [{ id: idOrSlug }, { slug: idOrSlug }] },
    include: { versions: { where: version ? { version } : {}, orderBy: { version: "desc" }, take: 1 } },
  });
  if (!template) throw new NotFound(`Template ${idOrSlug} not found`);
  const row = template.versions[0];
  if (!row) throw new NotFound(version ? `Template ${template.slug} has no version ${version}` : `Template ${template.slug} has no published version`);
  return {
    id: template.id,
    slug: template.slug,
    name: template.name,
    description: template.description,
    latestVersion: { id: row.id, version: row.version, createdAt: row.createdAt },
    version: { id: row.id, version: row.version, source: row.source, spec: row.spec as unknown as TemplateSpec },
  };
}
