"use client";
import { usePathname, useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { DEFAULT_STATE_FILTER, STATE_FILTERS, stateFilterLabel } from "@/lib/environments/state-filter";

/** Search + state filter; both live in the URL so results are shareable and paginate server-side (a new filter starts at the first page). */
export function EnvironmentFilters({ search, state }: { search: string; state: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const [text, setText] = useState(search);
  const [pending, startTransition] = useTransition();

  const go = (next: { search: string; state: string }) => {
    const params = new URLSearchParams();
    if (next.search.trim()) params.set("search", next.search.trim());
    if (next.state !== DEFAULT_STATE_FILTER) params.set("state", next.state);
    const query = params.toString();
    startTransition(() => router.push(query ? `${pathname}?${query}` : pathname));
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    go({ search: text, state });
  };

  return (
    <form role="search" onSubmit={submit} className="flex flex-wrap items-center gap-3 border-b border-slate-200 px-4 py-3" aria-busy={pending}>
      <div className="relative min-w-60 flex-1">
        <label htmlFor="env-search" className="sr-only">
          Search environments
        </label>
        <svg viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="1.6" className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-slate-400" aria-hidden>
          <circle cx="9" cy="9" r="5.5" />
          <path d="m13.5 13.5 3 3" />
        </svg>
        <input
          id="env-search"
          type="search"
          value={text}
          onChange={(event) => setText(event.target.value)}
          placeholder="Search by name, owner or template"
          className="input pl-9"
        />
      </div>
      <div className="flex items-center gap-2">
        <label htmlFor="env-state" className="text-sm text-slate-600">
          State
        </label>
        <select id="env-state" value={state} onChange={(event) => go({ search: text, state: event.target.value })} className="input w-auto py-1.5">
          {/* The API's own vocabulary (lib/environments/state-filter.ts): every option here is a value it accepts. */}
          {STATE_FILTERS.map((value) => (
            <option key={value} value={value}>
              {stateFilterLabel(value)}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="sr-only">
        Search
      </button>
      {pending && <span className="text-xs text-slate-500" role="status">Loading…</span>}
    </form>
  );
}
