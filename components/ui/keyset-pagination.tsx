import Link from "next/link";
import { buttonStyles } from "./button";
import { cn } from "./cn";

/**
 * Previous / Next for keyset pages (lib/pagination/keyset.ts): links carry the neighbour's cursor
 * and keep the other query parameters (search, filters), so a page's URL can be shared. A cursor
 * knows where it is, not how far from the start: the page number shows only when the list
 * counted it (lib/pagination/keyset-list.ts does, up to its counting cap).
 */
export function KeysetPagination({ total, totalCapped = false, page = null, prevCursor, nextCursor, basePath, query, noun = "items", inCard = false }: {
  total: number;
  /** `total` is where counting stopped: there are more ("1000+"). */
  totalCapped?: boolean;
  /** This page's number, when known. */
  page?: number | null;
  prevCursor: string | null;
  nextCursor: string | null;
  basePath: string;
  query: Record<string, string | undefined>;
  noun?: string;
  /** Inside a card under a table: a top border instead of a box of its own. */
  inCard?: boolean;
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
    <nav
      aria-label="Pagination"
      className={cn("flex flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-3 text-sm text-slate-600", inCard ? "border-t border-slate-200" : "rounded-lg border border-slate-200 bg-white")}
    >
      <p>
        {total.toLocaleString("en")}
        {totalCapped ? "+" : ""} {noun}
      </p>
      <div className="flex items-center gap-2">
        <Link href={href(prevCursor)} aria-disabled={!prevCursor} tabIndex={prevCursor ? undefined : -1} className={cn(buttonStyles("secondary", "sm"), !prevCursor && disabled)}>
          Previous
        </Link>
        {page !== null && <span className="whitespace-nowrap tabular-nums">Page {page.toLocaleString("en")}</span>}
        <Link href={href(nextCursor)} aria-disabled={!nextCursor} tabIndex={nextCursor ? undefined : -1} className={cn(buttonStyles("secondary", "sm"), !nextCursor && disabled)}>
          Next
        </Link>
      </div>
    </nav>
  );
}
