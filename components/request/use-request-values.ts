"use client";
// The form's values and where they came from. They open with the server's prefill (request
// again > preset > the user's last values > defaults); a preset or "Reset to defaults" replaces
// the parameters and says so. A remembered team, account or region the user can no longer pick
// falls back to the form's default.
import { useState } from "react";
import { formValuesFrom, initialValues, type FormValue, type ParameterField } from "./schema-fields";
import type { PrefillOrigin, PresetChoice, RequestAccount, RequestPrefill, RequestTeam } from "./types";

type Placement = { team: string; accountId: string; region: string };

function defaultPlacement(teams: RequestTeam[], accounts: RequestAccount[]): Placement {
  const account = accounts.find((a) => a.isDefault) ?? accounts[0];
  return { team: teams[0]?.slug ?? "", accountId: account?.id ?? "", region: account?.defaultRegion ?? "" };
}

function prefilledPlacement(prefill: RequestPrefill, teams: RequestTeam[], accounts: RequestAccount[]): Placement {
  const fallback = defaultPlacement(teams, accounts);
  const team = teams.some((t) => t.slug === prefill.team) ? prefill.team! : fallback.team;
  const account = accounts.find((a) => a.id === (prefill.cloudAccount ?? fallback.accountId));
  if (!account) return { ...fallback, team };
  return { team, accountId: account.id, region: prefill.region && account.regions.includes(prefill.region) ? prefill.region : account.defaultRegion };
}

export function useRequestValues({ fields, lease, prefill, teams, accounts }: {
  fields: ParameterField[];
  lease: { default: number; max: number };
  prefill: RequestPrefill;
  teams: RequestTeam[];
  accounts: RequestAccount[];
}) {
  const [values, setValues] = useState<Record<string, FormValue>>(() => formValuesFrom(fields, prefill.parameters));
  const [ttl, setTtl] = useState(prefill.ttlSeconds !== null && prefill.ttlSeconds <= lease.max ? prefill.ttlSeconds : lease.default);
  const [placement, setPlacement] = useState(() => prefilledPlacement(prefill, teams, accounts));
  const [origin, setOrigin] = useState<PrefillOrigin>(prefill.origin);
  const [dropped, setDropped] = useState(prefill.dropped);
  const [edited, setEdited] = useState(false);

  return {
    values,
    ttl,
    placement,
    origin,
    dropped,
    /** A parameter was changed by hand since the form was filled. */
    edited,
    setValue: (key: string, value: FormValue) => {
      setValues((current) => ({ ...current, [key]: value }));
      setEdited(true);
    },
    setTtl,
    setTeam: (team: string) => setPlacement((current) => ({ ...current, team })),
    setAccount: (accountId: string) => setPlacement((current) => ({ ...current, accountId, region: accounts.find((a) => a.id === accountId)?.defaultRegion ?? "" })),
    setRegion: (region: string) => setPlacement((current) => ({ ...current, region })),
    /** The preset's values over the schema's defaults; the lease and placement stay as they are. */
    applyPreset: (preset: PresetChoice) => {
      setValues(formValuesFrom(fields, preset.parameters));
      setOrigin({ kind: "preset", preset: preset.name, title: preset.title });
      setDropped([]);
      setEdited(false);
    },
    reset: () => {
      setValues(initialValues(fields));
      setTtl(lease.default);
      setPlacement(defaultPlacement(teams, accounts));
      setOrigin({ kind: "defaults" });
      setDropped([]);
      setEdited(false);
    },
  };
}
