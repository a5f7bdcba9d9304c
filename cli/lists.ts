// Reading a whole list: follows keyset cursors (`nextCursor`), or numbered pages on a server
// that answers those, until the end or `max` items.
import type { ApiClient, Query } from "./client";
import type { ListPage } from "./api-types";

export async function listAll<T>(client: ApiClient, path: string, query: Query, options: { all: boolean; max?: number }): Promise<{ items: T[]; more: boolean }> {
  const items: T[] = [];
  let next: Query = {};
  for (;;) {
    const page = await client.get<ListPage<T>>(path, { ...query, ...next });
    items.push(...page.items);
    const cursor = page.nextCursor ?? null;
    const numbered = cursor === null && typeof page.page === "number" && typeof page.pageCount === "number" && page.page < page.pageCount;
    const more = cursor !== null || numbered;
    if (!more || !options.all || (options.max !== undefined && items.length >= options.max)) return { items, more };
    next = cursor !== null ? { cursor } : { page: (page.page as number) + 1 };
  }
}
