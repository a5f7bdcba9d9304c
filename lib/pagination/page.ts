// Server-side pagination shared by every list: the query fields (search, page, pageSize) and
// the page envelope every list endpoint answers with.
import { z } from "zod";

export type Page<T> = { items: T[]; total: number; page: number; pageSize: number; pageCount: number };

/** `search`, `page` and `pageSize` query fields; extend with a list's own filters. */
export function pageQueryFields(defaultPageSize: number) {
  return {
    search: z.string().trim().max(100).optional(),
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(defaultPageSize),
  };
}

export function pageOf<T>(items: T[], total: number, input: { page: number; pageSize: number }): Page<T> {
  return { items, total, page: input.page, pageSize: input.pageSize, pageCount: Math.max(1, Math.ceil(total / input.pageSize)) };
}
