// Hourly cost ranges for the catalog, computed once per template version and region and kept in
// memory: published versions never change and the price table ships with the code, so a cached
// range never goes stale. A page reads the specs of versions it has not priced yet in one query.
import type { Tx } from "../db/client";
import { Prisma } from "../db/generated/client";
import { sqlRows } from "../db/sql";
import { hourlyCostRange, type CostRange } from "./cost-range";
import type { TemplateSpec } from "./template-spec";

// Enough for every version a catalog shows many times over; past it the oldest entries go.
const MAX_ENTRIES = 5000;
const cache = new Map<string, CostRange | null>();
const keyOf = (versionId: string, region: string) => `${versionId}@${region}`;

export async function costRangesOf(db: Tx, versionIds: string[], region: string): Promise<Map<string, CostRange | null>> {
  const missing = versionIds.filter((id) => !cache.has(keyOf(id, region)));
  if (missing.length > 0) {
    const rows = await sqlRows<{ id: string; parameters: TemplateSpec["parameters"] | null; instanceGroups: TemplateSpec["instanceGroups"] | null }>(
      db,
      Prisma.sql`SELECT "id", "spec"->'parameters' AS "parameters", "spec"->'instanceGroups' AS "instanceGroups" FROM "TemplateVersion" WHERE "id" = ANY(${missing}::text[])`,
    );
    for (const row of rows) remember(keyOf(row.id, region), priceSafely(row, region));
  }
  return new Map(versionIds.map((id) => [id, cache.get(keyOf(id, region)) ?? null]));
}

/** A stored spec the code no longer fully understands prices as unknown rather than failing the page. */
function priceSafely(row: { parameters: TemplateSpec["parameters"] | null; instanceGroups: TemplateSpec["instanceGroups"] | null }, region: string): CostRange | null {
  if (!row.instanceGroups) return null;
  try {
    return hourlyCostRange({ parameters: row.parameters ?? {}, instanceGroups: row.instanceGroups }, region);
  } catch {
    return null;
  }
}

function remember(key: string, value: CostRange | null): void {
  if (cache.size >= MAX_ENTRIES) {
    const oldest = cache.keys().next();
    if (!oldest.done) cache.delete(oldest.value);
  }
  cache.set(key, value);
}
