import Link from "next/link";
import { buttonStyles } from "./button";
import { cn } from "./cn";

/** Server-side pagination: links keep the other query parameters (search, filters). */
export function Pagination({ page, pageCount, total, pageSize, basePath, query, noun = "items" }: {
  page: number;
  pageCount: number;
  total: number;
  pageSize: number;
  basePath: string;
  query: Record<string, string | undefined>;
  noun?: string;
}) {
  if (total === 0) return null;
  const href = (target: number) => {
    const params = new URLSearchParams(Object.entries(query).filter((entry): entry is [string, string] => Boolean(entry[1])));
    if (target > 1) params.set("page", String(target));
    else params.delete("page");
    const text = params.toString();
    return text ? `${basePath}?${text}` : basePath;
  };
  const first = (page - 1) * pageSize + 1;
  const last = Math.min(page * pageSize, total);
  const disabled = "pointer-events-none opacity-40";
  return (
    <nav aria-label="Pagination" className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2 border-t border-slate-200 px-4 py-3 text-sm text-slate-600">
      <p>
        {first}–{last} of {total} {noun}
      </p>
      <div className="flex items-center gap-2">
        <Link href={href(page - 1)} aria-disabled={page <= 1} tabIndex={page <= 1 ? -1 : undefined} className={cn(buttonStyles("secondary", "sm"), page <= 1 && disabled)}>
          Previous
        </Link>
        <span className="whitespace-nowrap tabular-nums">
          Page {page} of {pageCount}
        </span>
        <Link href={href(page + 1)} aria-disabled={page >= pageCount} tabIndex={page >= pageCount ? -1 : undefined} className={cn(buttonStyles("secondary", "sm"), page >= pageCount && disabled)}>
          Next
        </Link>
      </div>
    </nav>
  );
}
