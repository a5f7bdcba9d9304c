// The request page's template cards: one keyset page of templates with the facts a card shows.
// The types live here, in lib/, so client components can use them without reaching server code.
import type { Tx } from "../db/client";
import type { Caller } from "../identity/caller";
import type { ListPage } from "../pagination/keyset-list";
import { getTemplate, listTemplates, type TemplateSummary } from "./list-templates";

export const TEMPLATE_PAGE_SIZE = 12;

export type TemplateCard = {
  slug: string;
  name: string;
  description: string;
  version: number | null;
  leaseDefault: number | null;
  leaseMax: number | null;
  instanceGroups: { name: string; instanceType: string; count: number | string }[];
  parameterCount: number;
};

export type TemplateCardsPage = Omit<ListPage<TemplateSummary>, "items"> & { cards: TemplateCard[] };

/** One keyset page of templates (by name) with the facts a card shows (lease, instance groups) from the latest version. */
export async function loadTemplateCards(db: Tx, caller: Caller, options: { search?: string; cursor?: string }): Promise<TemplateCardsPage> {
  const { items, ...page } = await listTemplates(db, caller, { search: options.search, cursor: options.cursor, limit: TEMPLATE_PAGE_SIZE });
  const cards: TemplateCard[] = await Promise.all(
    items.map(async (item) => {
      const base = { slug: item.slug, name: item.name, description: item.description, version: item.latestVersion?.version ?? null };
      if (!item.latestVersion) return { ...base, leaseDefault: null, leaseMax: null, instanceGroups: [], parameterCount: 0 };
      const { spec } = (await getTemplate(db, caller, item.id)).version;
      const properties = (spec.parameters.properties ?? {}) as Record<string, unknown>;
      return {
        ...base,
        leaseDefault: spec.lease.default,
        leaseMax: spec.lease.max,
        instanceGroups: spec.instanceGroups.map((g) => ({ name: g.name, instanceType: g.instanceType, count: g.count })),
        parameterCount: Object.keys(properties).length,
      };
    }),
  );
  return { ...page, cards };
}
