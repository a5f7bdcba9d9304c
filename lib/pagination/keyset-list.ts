// One keyset list over a Prisma model, ordered by one field and then the id: the page's rows, a
// total counted only up to TOTAL_CAP, and the page number while the rows before the page are
// also under the cap. Each list (environments, services, templates, users) only says how it
// orders, what it filters and which delegate runs the statements; the seek conditions, the
// direction flips and the counting live here once.
import type { z } from "zod";
import { decodeCursor, keysetPageOf, type Cursor, type KeysetPage } from "./keyset";

/** Counting past this many matches costs more than the number is worth: "1,000+". */
export const TOTAL_CAP = 1000;

export type KeysetSort<Row, K extends readonly [unknown, string]> = {
  /** The list and its order, written into every cursor: a cursor of another list or order is refused. */
  name: string;
  /** The model field the list is ordered by; the id breaks ties in the same direction. */
  field: string;
  order: "asc" | "desc";
  /** The shape of a key in a cursor: [the field's value as JSON, the id]. */
  key: z.ZodType<K>;
  keyOf: (row: Row) => K;
  /** The field's value from a key, as the query compares it (a Date from ISO text); the key's first item by default. (Not `valueOf`: every object has one.) */
  toValue?: (key: K) => unknown;
};

/** A keyset page with the total counted up to TOTAL_CAP and its page number when that is cheap. */
export type ListPage<T> = KeysetPage<T> & {
  /** `total` is where counting stopped: there are more. */
  totalCapped: boolean;
  /** 1 for the first page; null when more than TOTAL_CAP rows come before it (not counted). */
  page: number | null;
};

type Order = Record<string, "asc" | "desc">;
export type KeysetArgs<W> = { where: W; orderBy: Order[]; take: number };

/**
 * Rows after the key (later in the list's order), before it, or through it (before it and the
 * key's own row, which is what comes before the page after it). The plain bound on the field is
 * what Postgres starts the index scan at; the OR alone would only filter rows from the start.
 */
export function seekWhere<K extends readonly [unknown, string]>(sort: Pick<KeysetSort<never, K>, "field" | "order" | "toValue">, key: K, side: "after" | "before" | "through"): Record<string, unknown> {
  const value = sort.toValue ? sort.toValue(key) : key[0];
  const id = key[1];
  const later = side === "after";
  const up = (sort.order === "asc") === later;
  const strict = up ? "gt" : "lt";
  const bound = up ? "gte" : "lte";
  const idOp = side === "through" ? bound : strict;
  return { [sort.field]: { [bound]: value }, OR: [{ [sort.field]: { [strict]: value } }, { [sort.field]: value, id: { [idOp]: id } }] };
}

function orderBy(sort: { field: string; order: "asc" | "desc" }, reversed: boolean): Order[] {
  const flip = (order: "asc" | "desc") => (order === "asc" ? "desc" : "asc");
  const order = reversed ? flip(sort.order) : sort.order;
  return [{ [sort.field]: order }, { id: order }];
}

export async function keysetList<Row, K extends readonly [unknown, string], W>(options: {
  sort: KeysetSort<Row, K>;
  /** The `cursor` query parameter, undecoded. */
  cursor: string | undefined;
  limit: number;
  /** The list's filters (the caller's teams included). */
  where: W;
  findMany: (args: KeysetArgs<W>) => Promise<Row[]>;
  count: (args: KeysetArgs<W>) => Promise<number>;
}): Promise<ListPage<Row>> {
  const { sort, limit, where } = options;
  const cursor = decodeCursor(options.cursor, sort.key, sort.name);
  const and = (seek: Record<string, unknown>) => ({ AND: [where, seek] }) as W;
  const capped = (filter: W, cap = TOTAL_CAP) => options.count({ where: filter, orderBy: orderBy(sort, false), take: cap + 1 });
  const [rows, counted, before] = await Promise.all([
    options.findMany({
      where: cursor ? and(seekWhere(sort, cursor.key, cursor.direction)) : where,
      orderBy: orderBy(sort, cursor?.direction === "before"),
      take: limit + 1,
    }),
    capped(where),
    // Before a page reached backwards come the rows before its cursor less the page itself.
    cursor ? capped(and(seekWhere(sort, cursor.key, cursor.direction === "after" ? "through" : "before")), TOTAL_CAP + limit) : Promise.resolve(0),
  ]);
  const page = keysetPageOf(rows, { limit, total: Math.min(counted, TOTAL_CAP), cursor, keyOf: sort.keyOf, sort: sort.name });
  return { ...page, totalCapped: counted > TOTAL_CAP, page: pageNumber(cursor, before, page.items.length, limit) };
}

/**
 * Rows before a page after a key are those through it; before a page before a key, those before
 * it less the page. Either way the page has a number while at most TOTAL_CAP rows come before it
 * (`counted` stops at TOTAL_CAP + limit + 1).
 */
function pageNumber(cursor: Cursor<unknown> | null, counted: number, items: number, limit: number): number | null {
  if (!cursor) return 1;
  const ahead = cursor.direction === "after" ? counted : Math.max(0, counted - items);
  if (counted > TOTAL_CAP + limit || ahead > TOTAL_CAP) return null;
  return Math.floor(ahead / limit) + 1;
}
