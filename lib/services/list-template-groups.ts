// What a new service can run on: the templates the caller may use (not archived) with the
// instance groups of their newest requestable version, which is what createService checks.
import type { Tx } from "../db/client";
import type { Caller } from "../identity/caller";
import { usableTemplateWhere } from "../templates/template-access";
import type { TemplateSpec } from "../templates/template-spec";

export type TemplateGroups = { id: string; slug: string; name: string; version: number; groups: string[] };

export async function listTemplateGroups(db: Tx, caller: Caller): Promise<TemplateGroups[]> {
  const rows = await db.template.findMany({
    where: { AND: [usableTemplateWhere(caller), { archivedAt: null }] },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: 200,
    select: {
      id: true,
      slug: true,
      name: true,
      versions: { where: { deprecatedAt: null }, orderBy: { version: "desc" }, take: 1, select: { version: true, spec: true } },
    },
  });
  return rows.flatMap((row) => {
    const latest = row.versions[0];
    if (!latest) return [];
    const groups = (latest.spec as TemplateSpec).instanceGroups.map((group) => group.name);
    return [{ id: row.id, slug: row.slug, name: row.name, version: latest.version, groups }];
  });
}
