// Who may use a new template: every team, or the ones ticked (the owning team always may).
// Rendered inside the (client) new-template form, so it needs no "use client" of its own.

export type TeamChoice = { slug: string; name: string };
export type Sharing = { mode: "all" | "chosen"; teams: string[] };

export function ShareWithFields({ teams, value, onChange, error }: { teams: TeamChoice[]; value: Sharing; onChange: (value: Sharing) => void; error?: string | undefined }) {
  const toggle = (slug: string, on: boolean) => onChange({ ...value, teams: on ? [...value.teams, slug] : value.teams.filter((t) => t !== slug) });
  return (
    <fieldset aria-describedby={error ? "sharedWith-error" : undefined}>
      <legend className="mb-1.5 text-sm font-medium text-slate-800">Shared with</legend>
      <div className="flex flex-wrap gap-4 text-sm">
        <label className="flex items-center gap-2">
          <input type="radio" name="sharing" checked={value.mode === "all"} onChange={() => onChange({ ...value, mode: "all" })} />
          Every team
        </label>
        <label className="flex items-center gap-2">
          <input type="radio" name="sharing" checked={value.mode === "chosen"} onChange={() => onChange({ ...value, mode: "chosen" })} />
          Chosen teams
        </label>
      </div>
      {value.mode === "chosen" && (
        <ul aria-label="Teams that may use it" className="mt-2 max-h-48 space-y-1 overflow-auto rounded-md border border-slate-200 p-2 text-sm">
          {teams.map((team) => (
            <li key={team.slug}>
              <label className="flex items-center gap-2">
                <input type="checkbox" checked={value.teams.includes(team.slug)} onChange={(event) => toggle(team.slug, event.target.checked)} />
                {team.name} <span className="font-mono text-xs text-slate-500">{team.slug}</span>
              </label>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p id="sharedWith-error" className="mt-1.5 text-sm text-red-600">
          {/* The API words it as a predicate of the team ("team x does not exist"): a sentence here. */}
          {error.charAt(0).toUpperCase() + error.slice(1)}
        </p>
      )}
    </fieldset>
  );
}
