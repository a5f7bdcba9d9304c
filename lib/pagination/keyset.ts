// Keyset ("seek") pagination: a page is the rows after (or before) one row's sort key, so a
// deep page costs what the first one does and rows added meanwhile never shift a page by one.
// A cursor is opaque to clients (base64url JSON of the direction, the row's key and, for lists
// that name it, the list and order it belongs to) and carries no authority: every query still
// filters by the caller. A cursor of another list or order, or one edited into something that is
// not a key, is a 400 at `query.cursor`.
import { z } from "zod";
import { invalidField } from "../errors";

export type Cursor<K> = { direction: "after" | "before"; key: K };

/** Where a bad cursor is reported: it only ever arrives as the `cursor` query parameter. */
export const CURSOR_PATH = "query.cursor";

/** A page of rows; `total` counts every row the filters match. */
export type KeysetPage<T> = { items: T[]; total: number; limit: number; nextCursor: string | null; prevCursor: string | null };

/** `cursor` and `limit` query fields; extend with a list's own filters. */
export function keysetQueryFields(defaultLimit: number) {
  return {
    cursor: z.string().trim().max(1024).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(defaultLimit),
  };
}

/** `sort` names the list and its order ("environments:newest"); a cursor made with one is only accepted with it. */
/** `search`: the part of a name (email, description...) a list matches, case-insensitively. */
export const searchQueryField = z.string().trim().max(100, "must be at most 100 characters").optional();

export function encodeCursor<K>(cursor: Cursor<K>, sort?: string): string {
  const direction = cursor.direction === "after" ? "a" : "b";
  return Buffer.from(JSON.stringify(sort ? [direction, cursor.key, sort] : [direction, cursor.key])).toString("base64url");
}

/** The cursor in a query, checked against the list's key shape and order (a 400 at `query.cursor` otherwise). */
export function decodeCursor<K>(text: string | undefined, key: z.ZodType<K>, sort?: string): Cursor<K> | null {
  if (!text) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
  } catch {
    raw = undefined;
  }
  const direction = z.enum(["a", "b"]);
  const parsed = (sort ? z.tuple([direction, key, z.literal(sort)]) : z.tuple([direction, key])).safeParse(raw);
  if (!parsed.success) throw invalidField(CURSOR_PATH, "is not a cursor of this list and order; start again without it");
  return { direction: parsed.data[0] === "a" ? "after" : "before", key: parsed.data[1] };
}

/**
 * The page from rows fetched as `limit + 1` in the cursor's direction (for `before`, in reverse
 * order): the extra row only says whether there is more that way.
 */
export function keysetPageOf<T, K>(rows: T[], options: { limit: number; total: number; cursor: Cursor<K> | null; keyOf: (row: T) => K; sort?: string }): KeysetPage<T> {
  const { limit, cursor, keyOf, sort } = options;
  const more = rows.length > limit;
  const backwards = cursor?.direction === "before";
  const items = backwards ? rows.slice(0, limit).reverse() : rows.slice(0, limit);
  const first = items[0];
  const last = items[items.length - 1];
  // Coming from a cursor, there is always something on the side we came from.
  const hasNext = backwards ? cursor !== null : more;
  const hasPrev = backwards ? more : cursor !== null;
  return {
    items,
    total: options.total,
    limit,
    nextCursor: hasNext && last !== undefined ? encodeCursor({ direction: "after", key: keyOf(last) }, sort) : null,
    prevCursor: hasPrev && first !== undefined ? encodeCursor({ direction: "before", key: keyOf(first) }, sort) : null,
  };
}
