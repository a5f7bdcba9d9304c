"use client";
import { useState } from "react";
import { useApiAction } from "../use-api-action";
import { Button } from "../ui/button";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { RelativeTime } from "../ui/relative-time";
import { cn } from "../ui/cn";
import type { TokenRow } from "./token-types";

const STATE_STYLE = { active: "bg-emerald-50 text-emerald-700", expired: "bg-amber-50 text-amber-800", revoked: "bg-slate-100 text-slate-600" };

export function TokenTable({ tokens, onRevoked }: { tokens: TokenRow[]; onRevoked: () => void }) {
  const [revoking, setRevoking] = useState<TokenRow | null>(null);
  const action = useApiAction();
  const revoke = async () => {
    if (!revoking) return;
    const result = await action.run(`/api/v1/tokens/${encodeURIComponent(revoking.id)}`, { method: "DELETE" });
    if (result.ok) {
      setRevoking(null);
      onRevoked();
    }
  };
  return (
    <div className="overflow-x-auto">
      <table className="table-base">
        <thead>
          <tr>
            <th>Name</th>
            <th>Prefix</th>
            <th>Scope</th>
            <th>Created</th>
            <th>Expires</th>
            <th>Last used</th>
            <th>State</th>
            <th>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((token) => (
            <tr key={token.id}>
              <td className="font-medium text-slate-900">{token.name}</td>
              <td>
                <code className="text-xs">{token.prefix}…</code>
              </td>
              <td>{token.scope}</td>
              <td>
                <RelativeTime date={token.createdAt} />
              </td>
              <td>
                <RelativeTime date={token.expiresAt} />
              </td>
              <td>
                {token.lastUsedAt ? (
                  <>
                    <RelativeTime date={token.lastUsedAt} />
                    {token.lastUsedIp && <span className="block text-xs text-slate-500">from {token.lastUsedIp}</span>}
                  </>
                ) : (
                  <span className="text-slate-400">Never</span>
                )}
              </td>
              <td>
                <span className={cn("rounded px-1.5 py-0.5 text-xs font-medium", STATE_STYLE[token.state])}>{token.state}</span>
              </td>
              <td className="text-right">
                {token.state === "active" && (
                  <Button size="sm" variant="ghost" onClick={() => setRevoking(token)} aria-label={`Revoke ${token.name}`}>
                    Revoke
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ConfirmDialog
        open={revoking !== null}
        title={`Revoke “${revoking?.name ?? ""}”?`}
        description="It stops working at once: the next call made with it is refused. This cannot be undone; create a new token if you need one."
        confirmLabel="Revoke token"
        busy={action.busy}
        error={action.error}
        onConfirm={() => void revoke()}
        onClose={() => {
          action.clearError();
          setRevoking(null);
        }}
      />
    </div>
  );
}
