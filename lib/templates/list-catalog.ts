// The template catalog: what a caller may request, with what each template costs per hour, how
// long it takes to be ready, and how many of their teams' environments run it. Four statements
// per page whatever its size (rows, summary, ready times, live counts) plus one, the first time
// a version is shown, for the specs to price; no cloud calls.
import { shippedPriceSnapshot } from "../cloud/prices/price-of";
import type { Tx } from "../db/client";
import type { Caller } from "../identity/caller";
import { decodeCursor, keysetPageOf, type KeysetPage } from "../pagination/keyset";
import { catalogKey, catalogRows, catalogSummary, type CatalogQuery } from "./catalog-query";
import { costRangesOf } from "./catalog-costs";
import { liveEnvironmentCounts, medianTimesToReady, type ReadyTime } from "./catalog-stats";
import type { CostRange } from "./cost-range";

export { catalogQuerySchema, type CatalogQuery } from "./catalog-query";

export type CatalogEntry = {
  id: string;
  slug: string;
  name: string;
  description: string;
  /** The team that maintains it; null for templates published by the system (a folder, the seed). */
  ownerTeam: { slug: string; name: string } | null;
  tags: string[];
  /** The version a request gets: the newest not deprecated. */
  version: { number: number; publishedAt: Date };
  /** Per hour in `region`, from the cheapest to the most expensive choices; null when nothing is priced. */
  hourlyCost: CostRange | null;
  /** Median seconds from request to ready over its recent provision runs; null before the first. */
  readyTime: ReadyTime | null;
  /** Live environments of it in teams whose environments the caller may read. */
  liveEnvironments: number;
};

export type CatalogPage = KeysetPage<CatalogEntry> & {
  /** Templates the caller may request at all: 0 means an empty catalog, not an empty search. */
  available: number;
  /** What the filters can choose from, over everything the caller may request. */
  facets: { tags: string[]; teams: { slug: string; name: string }[] };
  /** Where costs are priced: the default cloud account's default region. */
  region: string;
};

export async function listCatalog(db: Tx, caller: Caller, query: CatalogQuery): Promise<CatalogPage> {
  const cursor = decodeCursor(query.cursor, catalogKey);
  const [rows, summary] = await Promise.all([catalogRows(db, caller, query, cursor), catalogSummary(db, caller, query)]);
  const page = keysetPageOf(rows, { limit: query.limit, total: summary.total, cursor, keyOf: (row) => [row.name, row.id] as [string, string] });
  const region = summary.region ?? shippedPriceSnapshot.baseRegion;
  const templateIds = page.items.map((row) => row.id);
  const [costs, readyTimes, live] = await Promise.all([
    costRangesOf(
      db,
      page.items.map((row) => row.versionId),
      region,
    ),
    medianTimesToReady(db, templateIds),
    liveEnvironmentCounts(db, caller, templateIds),
  ]);
  return {
    ...page,
    items: page.items.map((row) => ({
      id: row.id,
      slug: row.slug,
      name: row.name,
      description: row.description,
      ownerTeam: row.ownerSlug !== null && row.ownerName !== null ? { slug: row.ownerSlug, name: row.ownerName } : null,
      tags: row.tags ?? [],
      version: { number: row.version, publishedAt: row.publishedAt },
      hourlyCost: costs.get(row.versionId) ?? null,
      readyTime: readyTimes.get(row.id) ?? null,
      liveEnvironments: live.get(row.id) ?? 0,
    })),
    available: summary.available,
    facets: { tags: summary.tags, teams: summary.teams },
    region,
  };
}
