import { buttonStyles } from "../ui/button";
import { Field } from "../ui/field";
import type { TeamOption } from "./types";

export type AuditFilterValues = { actor?: string; action?: string; targetType?: string; teamId?: string; from?: string; to?: string; q?: string };

const TEXT_FIELDS = [
  { id: "q", label: "Text", placeholder: "Action, email, target or address" },
  { id: "actor", label: "Actor", placeholder: "Part of an email" },
  { id: "action", label: "Action", placeholder: "e.g. user. or environment.destroy" },
  { id: "targetType", label: "Target type", placeholder: "e.g. user, api_token" },
] as const;

/** A plain GET form: the filters live in the URL, so a filtered log can be shared and exported as shown. */
export function AuditFilters({ values, teams, issues }: { values: AuditFilterValues; teams: TeamOption[]; issues: Record<string, string> }) {
  return (
    <form role="search" aria-label="Filter the audit log" action="/admin/audit" method="get" className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-xs sm:grid-cols-2 lg:grid-cols-4">
      {TEXT_FIELDS.map((field) => (
        <Field key={field.id} id={`audit-${field.id}`} label={field.label} error={issues[field.id]}>
          {(describedBy) => (
            <input
              id={`audit-${field.id}`}
              name={field.id}
              defaultValue={values[field.id] ?? ""}
              placeholder={field.placeholder}
              aria-invalid={issues[field.id] ? true : undefined}
              aria-describedby={describedBy}
              className="input"
            />
          )}
        </Field>
      ))}
      <Field id="audit-teamId" label="Team" error={issues.teamId}>
        {(describedBy) => (
          <select id="audit-teamId" name="teamId" defaultValue={values.teamId ?? ""} aria-describedby={describedBy} className="input">
            <option value="">Any team</option>
            {teams.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      {(["from", "to"] as const).map((id) => (
        <Field key={id} id={`audit-${id}`} label={id === "from" ? "From" : "To"} error={issues[id]} help="UTC day, inclusive">
          {(describedBy) => (
            <input id={`audit-${id}`} name={id} type="date" defaultValue={values[id] ?? ""} aria-invalid={issues[id] ? true : undefined} aria-describedby={describedBy} className="input" />
          )}
        </Field>
      ))}
      <div className="flex items-end gap-2">
        <button type="submit" className={buttonStyles("primary")}>
          Filter
        </button>
        <a href="/admin/audit" className={buttonStyles("ghost")}>
          Clear
        </a>
      </div>
    </form>
  );
}
