"use client";
import type { ReactNode } from "react";
import { Field } from "../ui/field";
import type { FieldErrors, RequestAccount, RequestTeam } from "./types";

/** Team, cloud account and region: each shown only when there is a choice to make. */
export function PlacementFields({ lease, teams, team, onTeam, accounts, accountId, onAccount, region, onRegion, errors }: {
  lease: ReactNode;
  teams: RequestTeam[];
  team: string;
  onTeam: (slug: string) => void;
  accounts: RequestAccount[];
  accountId: string;
  onAccount: (id: string) => void;
  region: string;
  onRegion: (region: string) => void;
  errors: FieldErrors;
}) {
  const account = accounts.find((a) => a.id === accountId);
  return (
    <div className="grid gap-5 sm:grid-cols-2">
      {lease}
      {teams.length > 1 && (
        <Field id="team" label="Team" error={errors.team} help="Who owns the environment (and its cost)." required>
          {(describedBy) => (
            <select id="team" value={team} onChange={(e) => onTeam(e.target.value)} aria-invalid={Boolean(errors.team)} aria-describedby={describedBy} className="input">
              {teams.map((t) => (
                <option key={t.slug} value={t.slug}>
                  {t.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      {accounts.length > 1 && (
        <Field id="cloudAccount" label="Cloud account" error={errors.cloudAccount}>
          {(describedBy) => (
            <select id="cloudAccount" value={accountId} onChange={(e) => onAccount(e.target.value)} aria-invalid={Boolean(errors.cloudAccount)} aria-describedby={describedBy} className="input">
              {accounts.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name} ({a.provider}){a.isDefault ? " — default" : ""}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      {account && account.regions.length > 1 ? (
        <Field id="region" label="Region" error={errors.region}>
          {(describedBy) => (
            <select id="region" value={region} onChange={(e) => onRegion(e.target.value)} aria-invalid={Boolean(errors.region)} aria-describedby={describedBy} className="input font-mono">
              {account.regions.map((r) => (
                <option key={r} value={r}>
                  {r}
                  {r === account.defaultRegion ? " (default)" : ""}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : (
        account && (
          <div className="text-sm">
            <div className="mb-1.5 font-medium text-slate-800">Where</div>
            <div className="text-slate-600">
              {account.name} · <span className="font-mono">{region}</span>
            </div>
          </div>
        )
      )}
    </div>
  );
}
