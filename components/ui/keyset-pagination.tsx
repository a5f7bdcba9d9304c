import Link from "next/link";
import { buttonStyles } from "./button";
import { cn } from "./cn";

/**
 * Previous / Next for keyset pages (lib/pagination/keyset.ts): links carry the neighbour's cursor
 * and keep the other query parameters (search, filters). There are no page numbers: a cursor
 * knows where it is, not how far from the start.
 */
export function KeysetPagination({ total, totalCapped = false, prevCursor, nextCursor, basePath, query, noun = "items" }: {
  total: number;
  /** `total` is where counting stopped: there are more ("1000+"). */
  totalCapped?: boolean;
  prevCursor: string | null;
  nextCursor: string | null;
  basePath: string;
  query: Record<string, string | undefined>;
  noun?: string;
}) {
  if (total === 0 || (!prevCursor && !nextCursor)) return null;
  const href = (cursor: string | null) => {
    const params = new URLSearchParams(Object.entries(query).filter((entry): entry is [string, string] => Boolean(entry[1])));
    if (cursor) params.set("cursor", cursor);
    const text = params.toString();
    return text ? `${basePath}?${text}` : basePath;
  };
  const disabled = "pointer-events-none opacity-40";
  return (
    <nav aria-label="Pagination" className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2 rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm text-slate-600">
      <p>
        {total.toLocaleString("en")}
        {totalCapped ? "+" : ""} {noun}
      </p>
      <div className="flex items-center gap-2">
        <Link href={href(prevCursor)} aria-disabled={!prevCursor} tabIndex={prevCursor ? undefined : -1} className={cn(buttonStyles("secondary", "sm"), !prevCursor && disabled)}>
          Previous
        </Link>
        <Link href={href(nextCursor)} aria-disabled={!nextCursor} tabIndex={nextCursor ? undefined : -1} className={cn(buttonStyles("secondary", "sm"), !nextCursor && disabled)}>
          Next
        </Link>
      </div>
    </nav>
  );
}
