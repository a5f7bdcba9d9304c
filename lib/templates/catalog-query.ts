// The catalog's SQL: which templates a caller sees (the access rule is part of the query), the
// filters, keyset order, and the facts of the whole listing (count, tags, owner teams). A
// template is listed at the version a request gets (the newest not deprecated), and only while
// it can be requested: archived templates and those whose every version is deprecated are not.
// Each statement has one text whatever the filters (absent ones are NULL parameters), so it stays
// one prepared statement per connection (lib/db/sql.ts).
import { z } from "zod";
import type { Tx } from "../db/client";
import { Prisma } from "../db/generated/client";
import { sqlRows } from "../db/sql";
import type { Caller } from "../identity/caller";
import { keysetQueryFields, type Cursor } from "../pagination/keyset";
import { usableTemplateSql } from "./template-access";

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((value) => value || undefined);

/** `GET /api/v1/catalog` and the catalog page: text search, one tag, one owner team (slug or id). */
export const catalogQuerySchema = z
  .object({
    q: optionalText(100),
    tag: optionalText(30).transform((value) => value?.toLowerCase()),
    team: optionalText(100),
    ...keysetQueryFields(20),
  })
  .strict();
export type CatalogQuery = z.infer<typeof catalogQuerySchema>;

/** A row's place in the catalog's order (name, then id to break ties). */
export const catalogKey = z.tuple([z.string(), z.string()]);
export type CatalogKey = z.infer<typeof catalogKey>;

export type CatalogRow = {
  id: string;
  slug: string;
  name: string;
  description: string;
  ownerSlug: string | null;
  ownerName: string | null;
  versionId: string;
  version: number;
  publishedAt: Date;
  tags: string[] | null;
};

export type CatalogSummary = {
  /** Templates matching the filters. */
  total: number;
  /** Templates the caller may request at all, whatever the filters. */
  available: number;
  tags: string[];
  teams: { slug: string; name: string }[];
  /** The default cloud account's default region (null when there is no account yet). */
  region: string | null;
};

// The visible templates at their requestable version, with the owner team, as `t`, `v` and `ot`.
function visibleFrom(caller: Caller): Prisma.Sql {
  return Prisma.sql`"Template" t
    JOIN LATERAL (SELECT "id", "version", "spec", "createdAt" FROM "TemplateVersion"
      WHERE "templateId" = t."id" AND "deprecatedAt" IS NULL ORDER BY "version" DESC LIMIT 1) v ON true
    LEFT JOIN "Team" ot ON ot."id" = t."ownerTeamId"
    WHERE t."archivedAt" IS NULL AND ${usableTemplateSql(caller, "t")}`;
}

/** `%text%` for ILIKE, with the text's own wildcards taken literally. */
function containsPattern(text: string | undefined): string | null {
  return text ? `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
}

function matches(query: Pick<CatalogQuery, "q" | "tag" | "team">): Prisma.Sql {
  const pattern = containsPattern(query.q);
  const tag = query.tag ?? null;
  const team = query.team ?? null;
  return Prisma.sql`(${pattern}::text IS NULL OR t."name" ILIKE ${pattern} OR t."slug" ILIKE ${pattern} OR t."description" ILIKE ${pattern}
      OR EXISTS (SELECT 1 FROM jsonb_array_elements_text(COALESCE(v."spec"->'tags', '[]'::jsonb)) AS tag(name) WHERE tag.name ILIKE ${pattern}))
    AND (${tag}::text IS NULL OR COALESCE(v."spec"->'tags', '[]'::jsonb) @> jsonb_build_array(${tag}::text))
    AND (${team}::text IS NULL OR ot."slug" = ${team} OR ot."id" = ${team})`;
}

/** `limit + 1` rows after (or, newest first, before) the cursor's key. */
export function catalogRows(db: Tx, caller: Caller, query: CatalogQuery, cursor: Cursor<CatalogKey> | null): Promise<CatalogRow[]> {
  const [name, id] = cursor?.key ?? [null, null];
  const seek =
    cursor?.direction === "before"
      ? Prisma.sql`(${name}::text IS NULL OR (t."name", t."id") < (${name}::text, ${id}::text)) ORDER BY t."name" DESC, t."id" DESC`
      : Prisma.sql`(${name}::text IS NULL OR (t."name", t."id") > (${name}::text, ${id}::text)) ORDER BY t."name", t."id"`;
  return sqlRows<CatalogRow>(db, Prisma.sql`
    SELECT t."id", t."slug", t."name", t."description", ot."slug" AS "ownerSlug", ot."name" AS "ownerName",
      v."id" AS "versionId", v."version", v."createdAt" AS "publishedAt", v."spec"->'tags' AS "tags"
    FROM ${visibleFrom(caller)} AND ${matches(query)} AND ${seek}
    LIMIT ${query.limit + 1}`);
}

/** The count, the tags and owner teams to filter by, and the region costs are priced in: one statement. */
export async function catalogSummary(db: Tx, caller: Caller, query: CatalogQuery): Promise<CatalogSummary> {
  const [row] = await sqlRows<CatalogSummary>(db, Prisma.sql`
    WITH visible AS (
      SELECT ot."slug" AS owner_slug, ot."name" AS owner_name, v."spec"->'tags' AS tags, ${matches(query)} AS matching
      FROM ${visibleFrom(caller)})
    SELECT (SELECT count(*) FROM visible WHERE matching)::int AS "total",
      (SELECT count(*) FROM visible)::int AS "available",
      COALESCE((SELECT json_agg(DISTINCT tag.name ORDER BY tag.name) FROM visible, jsonb_array_elements_text(COALESCE(visible.tags, '[]'::jsonb)) AS tag(name)), '[]') AS "tags",
      COALESCE((SELECT json_agg(json_build_object('slug', o.owner_slug, 'name', o.owner_name) ORDER BY o.owner_name)
        FROM (SELECT DISTINCT owner_slug, owner_name FROM visible WHERE owner_slug IS NOT NULL) o), '[]') AS "teams",
      (SELECT "defaultRegion" FROM "CloudAccount" WHERE "isDefault" ORDER BY "createdAt" LIMIT 1) AS "region"`);
  return row ?? { total: 0, available: 0, tags: [], teams: [], region: null };
}
