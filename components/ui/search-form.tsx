/** A plain GET search form: works without JavaScript and keeps the query in the URL. */
export function SearchForm({ action, search, label, placeholder, hidden = {} }: { action: string; search: string; label: string; placeholder: string; hidden?: Record<string, string> }) {
  return (
    <form role="search" action={action} method="get" className="flex items-center gap-2">
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div className="relative w-full max-w-md">
        <label htmlFor="search" className="sr-only">
          {label}
        </label>
        <svg viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="1.6" className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-slate-400" aria-hidden>
          <circle cx="9" cy="9" r="5.5" />
          <path d="m13.5 13.5 3 3" />
        </svg>
        <input id="search" name="search" type="search" defaultValue={search} placeholder={placeholder} className="input pl-9" />
      </div>
      <button type="submit" className="h-9 rounded-md border border-slate-300 bg-white px-3 text-sm font-medium text-slate-700 shadow-xs hover:bg-slate-50">
        Search
      </button>
    </form>
  );
}
