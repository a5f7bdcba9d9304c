// Shapes many API answers share: people, teams, keyset pages, an id in the path.
import { z } from "zod";

/** Dates leave the server as ISO 8601 text. */
export const isoDate = () => z.iso.datetime();

export const personRef = z.object({ id: z.string(), name: z.string(), email: z.string() });
export const teamRef = z.object({ id: z.string(), slug: z.string(), name: z.string() });
export const teamName = z.object({ slug: z.string(), name: z.string() });
export const named = z.object({ id: z.string(), name: z.string() });

/** A path segment naming one thing (an id, or where the route says so a slug or name). */
export const idParams = z.object({ id: z.string().min(1).max(200).meta({ description: "Its id (or, where the route says so, its slug or name)" }) });

const BIGINT_MAX = 9_223_372_036_854_775_807n;

/** True for a Postgres bigint id sent as text (a log line's, an audit event's): past its range a query would fail with a 500. */
export function isBigintId(text: string): boolean {
  return /^\d{1,19}$/.test(text) && BigInt(text) <= BIGINT_MAX;
}

/** A bigint id in a query (`after=`): digits within Postgres' bigint. */
export const bigintIdText = (message = "must be an id") => z.string().refine(isBigintId, message);

const cursors = {
  total: z.number().int().meta({ description: "Rows matching, counted up to 1,000" }),
  limit: z.number().int(),
  nextCursor: z.string().nullable().meta({ description: "Pass as `cursor` for the next page; null on the last" }),
  prevCursor: z.string().nullable().meta({ description: "Pass as `cursor` for the page before; null on the first" }),
};

/** A keyset page: the items, a capped total and the cursors either side. */
export function keysetPageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), ...cursors });
}

/** A keyset page that also says whether the total was capped and, while it is cheap, its number. */
export function listPageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    ...cursors,
    totalCapped: z.boolean().meta({ description: "More rows match than `total` says" }),
    page: z.number().int().nullable().meta({ description: "1 for the first page; null when more than 1,000 rows come before it" }),
  });
}

/** `{ items: [...] }`: a short list answered whole. */
export function itemsOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item) });
}

/** A plain acknowledgement. */
export const okAnswer = z.object({ ok: z.boolean() });
