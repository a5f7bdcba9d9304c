import { stateLabel } from "../format";
import { Button, ButtonLink } from "../ui/button";

const RESULTS: [string, string][] = [
  ["", "Any result"],
  ["succeeded", "Succeeded"],
  ["failed,rolled_back", "Failed or rolled back"],
  ["failed", "Failed"],
  ["rolled_back", "Rolled back"],
  ["queued,running,awaiting_confirmation", "In progress or waiting"],
  ["canceled", "Canceled"],
];

/** A date picker, unless the URL holds a full time (which a date picker would drop). */
const dateType = (value: string | undefined) => (value && !/^\d{4}-\d{2}-\d{2}$/.test(value) ? "text" : "date");

export type HistoryFilterValues = Partial<Record<"service" | "environment" | "release" | "person" | "result" | "from" | "to" | "q", string>>;

/**
 * The history's filters as a plain GET form: they live in the URL (shareable, work without
 * JavaScript) and every page, cursor and export link carries them. Problems show at their field.
 */
export function HistoryFilters({ values, errors, action }: { values: HistoryFilterValues; errors: Record<string, string>; action: string }) {
  const resultKnown = RESULTS.some(([value]) => value === (values.result ?? ""));
  const text = (name: keyof HistoryFilterValues, label: string, placeholder: string, type = "text") => (
    <div>
      <label htmlFor={`filter-${name}`} className="text-xs font-medium text-slate-700">
        {label}
      </label>
      <input
        id={`filter-${name}`}
        name={name}
        type={type}
        defaultValue={values[name] ?? ""}
        placeholder={placeholder}
        className="input mt-1"
        aria-invalid={Boolean(errors[name])}
        aria-describedby={errors[name] ? `filter-${name}-error` : undefined}
      />
      {errors[name] && (
        <p id={`filter-${name}-error`} className="mt-1 text-xs text-red-700">
          {label} {errors[name]}
        </p>
      )}
    </div>
  );
  return (
    <form role="search" aria-label="Filter deployments" action={action} method="get" className="space-y-3 border-b border-slate-200 px-4 py-3">
      <div className="flex gap-2">
        <div className="relative w-full">
          <label htmlFor="filter-q" className="sr-only">
            Search deployments
          </label>
          <input id="filter-q" name="q" type="search" defaultValue={values.q ?? ""} placeholder="Search by version, service, environment or email" className="input" aria-invalid={Boolean(errors.q)} />
        </div>
        <Button type="submit" variant="primary">
          Apply
        </Button>
        <ButtonLink href={action}>Clear</ButtonLink>
      </div>
      <div className="grid gap-3 sm:grid-cols-3 lg:grid-cols-7">
        {text("service", "Service", "name or id")}
        {text("environment", "Environment", "name or id")}
        {text("release", "Release", "version")}
        {text("person", "Person", "email")}
        <div>
          <label htmlFor="filter-result" className="text-xs font-medium text-slate-700">
            Result
          </label>
          <select id="filter-result" name="result" defaultValue={values.result ?? ""} className="input mt-1" aria-invalid={Boolean(errors.result)}>
            {RESULTS.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
            {!resultKnown && <option value={values.result}>{values.result!.split(",").map(stateLabel).join(" or ")}</option>}
          </select>
          {errors.result && <p className="mt-1 text-xs text-red-700">Result {errors.result}</p>}
        </div>
        {text("from", "From", "2026-12-01", dateType(values.from))}
        {text("to", "To", "2026-12-31", dateType(values.to))}
      </div>
    </form>
  );
}
