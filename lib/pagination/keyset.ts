// Keyset ("seek") pagination: a page is the rows after (or before) one row's sort key, so a
// deep page costs what the first one does and rows added meanwhile never shift a page by one.
// A cursor is opaque to clients (base64url JSON of the direction and the row's key) and carries
// no authority: every query still filters by the caller.
import { z } from "zod";
import { invalidField } from "../errors";

export type Cursor<K> = { direction: "after" | "before"; key: K };

/** A page of rows; `total` counts every row the filters match. */
export type KeysetPage<T> = { items: T[]; total: number; limit: number; nextCursor: string | null; prevCursor: string | null };

/** `cursor` and `limit` query fields; extend with a list's own filters. */
export function keysetQueryFields(defaultLimit: number) {
  return {
    cursor: z.string().trim().max(1024).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(defaultLimit),
  };
}

export function encodeCursor<K>(cursor: Cursor<K>): string {
  return Buffer.from(JSON.stringify([cursor.direction === "after" ? "a" : "b", cursor.key])).toString("base64url");
}

/** The cursor in a query, checked against the list's key shape (a 400 at `cursor` otherwise). */
export function decodeCursor<K>(text: string | undefined, key: z.ZodType<K>): Cursor<K> | null {
  if (!text) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
  } catch {
    raw = undefined;
  }
  const parsed = z.tuple([z.enum(["a", "b"]), key]).safeParse(raw);
  if (!parsed.success) throw invalidField("cursor", "is not a cursor of this list; start again without it");
  return { direction: parsed.data[0] === "a" ? "after" : "before", key: parsed.data[1] };
}

/**
 * The page from rows fetched as `limit + 1` in the cursor's direction (for `before`, in reverse
 * order): the extra row only says whether there is more that way.
 */
export function keysetPageOf<T, K>(rows: T[], options: { limit: number; total: number; cursor: Cursor<K> | null; keyOf: (row: T) => K }): KeysetPage<T> {
  const { limit, cursor, keyOf } = options;
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
    nextCursor: hasNext && last !== undefined ? encodeCursor({ direction: "after", key: keyOf(last) }) : null,
    prevCursor: hasPrev && first !== undefined ? encodeCursor({ direction: "before", key: keyOf(first) }) : null,
  };
}
