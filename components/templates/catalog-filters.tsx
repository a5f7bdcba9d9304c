import Link from "next/link";
import { cn } from "../ui/cn";

export type CatalogFilterValues = { q?: string | undefined; tag?: string | undefined; team?: string | undefined };

/** /catalog with these filters (a new filter starts again from the first page: no cursor). */
export function catalogHref(filters: CatalogFilterValues): string {
  const params = new URLSearchParams(Object.entries(filters).filter((entry): entry is [string, string] => Boolean(entry[1])));
  const text = params.toString();
  return text ? `/catalog?${text}` : "/catalog";
}

/**
 * A plain GET form (works without JavaScript, the filters live in the URL): text search and
 * owner team, then the tags as chips; a chip toggles its tag and keeps the other filters.
 */
export function CatalogFilters({ filters, tags, teams }: { filters: CatalogFilterValues; tags: string[]; teams: { slug: string; name: string }[] }) {
  return (
    <div className="space-y-3">
      <form role="search" aria-label="Search the catalog" action="/catalog" method="get" className="flex flex-wrap items-center gap-2">
        {filters.tag && <input type="hidden" name="tag" value={filters.tag} />}
        <div className="relative w-full max-w-md">
          <label htmlFor="catalog-q" className="sr-only">
            Search templates
          </label>
          <svg viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="1.6" className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-slate-400" aria-hidden>
            <circle cx="9" cy="9" r="5.5" />
            <path d="m13.5 13.5 3 3" />
          </svg>
          <input id="catalog-q" name="q" type="search" defaultValue={filters.q ?? ""} placeholder="Search by name, description, slug or tag" className="input pl-9" />
        </div>
        {teams.length > 0 && (
          <>
            <label htmlFor="catalog-team" className="sr-only">
              Owner team
            </label>
            <select id="catalog-team" name="team" defaultValue={filters.team ?? ""} className="input w-auto">
              <option value="">Any owner team</option>
              {teams.map((team) => (
                <option key={team.slug} value={team.slug}>
                  {team.name}
                </option>
              ))}
            </select>
          </>
        )}
        <button type="submit" className="h-9 rounded-md border border-slate-300 bg-white px-3 text-sm font-medium text-slate-700 shadow-xs hover:bg-slate-50">
          Search
        </button>
      </form>
      {tags.length > 0 && (
        <nav aria-label="Filter by tag">
          <ul className="flex flex-wrap gap-1.5">
            <li>
              <TagChip href={catalogHref({ ...filters, tag: undefined })} active={!filters.tag} label="All tags" />
            </li>
            {tags.map((tag) => (
              <li key={tag}>
                <TagChip href={catalogHref({ ...filters, tag: filters.tag === tag ? undefined : tag })} active={filters.tag === tag} label={tag} />
              </li>
            ))}
          </ul>
        </nav>
      )}
    </div>
  );
}

function TagChip({ href, active, label }: { href: string; active: boolean; label: string }) {
  return (
    <Link
      href={href}
      aria-current={active ? "true" : undefined}
      className={cn(
        "inline-flex h-7 items-center rounded-full border px-3 text-xs font-medium transition-colors",
        active ? "border-slate-900 bg-slate-900 text-white" : "border-slate-300 bg-white text-slate-700 hover:border-slate-400 hover:bg-slate-50",
      )}
    >
      {label}
    </Link>
  );
}
