"use client";
import { useCallback, useState } from "react";
import { callApi } from "../api-client";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { EmptyState } from "../ui/empty-state";
import { CreateTokenDialog } from "./create-token-dialog";
import { TokenTable } from "./token-table";
import type { TokenOwner, TokenRow } from "./token-types";

/** Personal tokens, and for team admins their teams' service tokens (chosen above the list). */
export function TokensPanel({ initial, teams }: { initial: TokenRow[]; teams: { id: string; name: string }[] }) {
  const owners: TokenOwner[] = [{ teamId: null, label: "Your personal tokens" }, ...teams.map((team) => ({ teamId: team.id, label: `${team.name} service tokens` }))];
  const [owner, setOwner] = useState<TokenOwner>(owners[0]!);
  const [tokens, setTokens] = useState<TokenRow[]>(initial);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const reload = useCallback(async (teamId: string | null) => {
    const result = await callApi<{ items: TokenRow[] }>(`/api/v1/tokens${teamId ? `?teamId=${encodeURIComponent(teamId)}` : ""}`, { method: "GET" });
    if (result.ok) {
      setTokens(result.data.items);
      setError(null);
    } else setError(result.message);
  }, []);
  // The first list came with the page; later ones follow the selector.
  const choose = (teamId: string) => {
    const next = owners.find((candidate) => (candidate.teamId ?? "") === teamId) ?? owners[0]!;
    setOwner(next);
    void reload(next.teamId);
  };
  return (
    <div>
      <div className="flex flex-wrap items-center justify-between gap-3 px-4 py-3">
        {owners.length > 1 ? (
          <label className="flex items-center gap-2 text-sm text-slate-700">
            <span>Tokens of</span>
            <select
              className="input w-auto"
              value={owner.teamId ?? ""}
              onChange={(event) => choose(event.target.value)}
            >
              {owners.map((candidate) => (
                <option key={candidate.teamId ?? "personal"} value={candidate.teamId ?? ""}>
                  {candidate.label}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <p className="text-sm text-slate-600">Tokens act as you, limited to their scope.</p>
        )}
        <Button variant="primary" size="sm" onClick={() => setCreating(true)}>
          New token
        </Button>
      </div>
      {error && <Alert className="mx-4 mb-3">{error}</Alert>}
      {tokens.length === 0 ? (
        <EmptyState title={owner.teamId ? "This team has no service tokens" : "No API tokens yet"}>
          {owner.teamId ? "Create one for the team's CI: it keeps working when the person who made it leaves." : "Create one to use the hangar CLI or call the API from CI."}
        </EmptyState>
      ) : (
        <TokenTable tokens={tokens} onRevoked={() => void reload(owner.teamId)} />
      )}
      <CreateTokenDialog owner={owner} open={creating} onClose={() => setCreating(false)} onCreated={() => void reload(owner.teamId)} />
    </div>
  );
}
