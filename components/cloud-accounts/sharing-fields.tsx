"use client";
import { Field } from "../ui/field";
import type { TeamOption } from "./types";

export type SharingValues = { ownerTeam: string; all: boolean; teams: string[] };

/** Which team the account belongs to, and which other teams (or all) may use it. */
export function SharingFields({ values, onChange, teams, errors }: {
  values: SharingValues;
  onChange: (values: SharingValues) => void;
  teams: TeamOption[];
  errors: Record<string, string>;
}) {
  const set = (patch: Partial<SharingValues>) => onChange({ ...values, ...patch });
  const others = teams.filter((team) => team.slug !== values.ownerTeam);
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <Field id="ownerTeam" label="Owner team" error={errors.ownerTeam} help="Its environments may use this account.">
        {(describedBy) => (
          <select id="ownerTeam" value={values.ownerTeam} onChange={(e) => set({ ownerTeam: e.target.value, teams: values.teams.filter((t) => t !== e.target.value) })} aria-invalid={Boolean(errors.ownerTeam)} aria-describedby={describedBy} className="input">
            <option value="">No owner team</option>
            {teams.map((team) => (
              <option key={team.slug} value={team.slug}>
                {team.name} ({team.slug})
              </option>
            ))}
          </select>
        )}
      </Field>
      <fieldset aria-describedby={errors.sharedWith ? "sharedWith-error" : "sharedWith-help"}>
        <legend className="mb-1.5 text-sm font-medium text-slate-800">Also usable by</legend>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={values.all} onChange={(e) => set({ all: e.target.checked })} className="size-4 rounded border-slate-300" />
          All teams
        </label>
        {!values.all && (
          <div id="sharedWith" tabIndex={-1} className="mt-1.5 max-h-32 space-y-1 overflow-y-auto rounded-md border border-slate-200 p-2 outline-none">
            {others.length === 0 && <p className="text-xs text-slate-500">No other teams.</p>}
            {others.map((team) => (
              <label key={team.slug} className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  checked={values.teams.includes(team.slug)}
                  onChange={(e) => set({ teams: e.target.checked ? [...values.teams, team.slug] : values.teams.filter((t) => t !== team.slug) })}
                  className="size-4 rounded border-slate-300"
                />
                {team.name} <span className="font-mono text-xs text-slate-500">{team.slug}</span>
              </label>
            ))}
          </div>
        )}
        {errors.sharedWith ? (
          <p id="sharedWith-error" className="mt-1.5 text-sm text-red-600">
            {errors.sharedWith}
          </p>
        ) : (
          <p id="sharedWith-help" className="mt-1.5 text-xs text-slate-500">
            {values.all ? "Every team, including ones created later." : "Only the owner team and the teams ticked here."}
          </p>
        )}
      </fieldset>
    </div>
  );
}
