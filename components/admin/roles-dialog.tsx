"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { callApi, type ApiIssue } from "../api-client";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Modal } from "../ui/modal";
import { ROLES, type AdminUserRow, type Role, type TeamOption } from "./types";

type Entry = { key: number; teamId: string; role: Role };

/** Edits the whole list of a user's (team, role) pairs; saving replaces it (audited before/after). */
export function RolesDialog({ user, teams, open, onClose }: { user: AdminUserRow; teams: TeamOption[]; open: boolean; onClose: () => void }) {
  const router = useRouter();
  const initial = () => user.teams.map((team, index) => ({ key: index, teamId: team.teamId, role: team.role as Role }));
  const [entries, setEntries] = useState<Entry[]>(initial);
  const [issues, setIssues] = useState<ApiIssue[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const close = () => {
    setEntries(initial());
    setIssues([]);
    setError(null);
    onClose();
  };
  const change = (key: number, patch: Partial<Entry>) => setEntries((list) => list.map((entry) => (entry.key === key ? { ...entry, ...patch } : entry)));
  const add = () => {
    const free = teams.find((team) => !entries.some((entry) => entry.teamId === team.id)) ?? teams[0];
    if (free) setEntries((list) => [...list, { key: Math.max(-1, ...list.map((entry) => entry.key)) + 1, teamId: free.id, role: "developer" }]);
  };
  const save = async () => {
    setPending(true);
    setError(null);
    const result = await callApi(`/api/v1/users/${encodeURIComponent(user.id)}/roles`, { method: "PUT", body: { roles: entries.map(({ teamId, role }) => ({ teamId, role })) } });
    setPending(false);
    if (result.ok) {
      setIssues([]);
      onClose();
      router.refresh();
      return;
    }
    setIssues(result.issues);
    if (!result.issues.some((issue) => issue.path.startsWith("roles."))) setError(result.message);
  };
  const issueAt = (index: number) => issues.find((issue) => issue.path.startsWith(`roles.${index}.`))?.message;
  return (
    <Modal open={open} onClose={close} title={`Team roles of ${user.name}`} description="Roles apply from their next click. Removing every team leaves them signed in with nothing to see.">
      <div className="space-y-3">
        {error && <Alert>{error}</Alert>}
        {entries.length === 0 && <p className="text-sm text-slate-600">In no team. Add one so they can see and request environments.</p>}
        {entries.map((entry, index) => (
          <div key={entry.key}>
            <div className="flex items-center gap-2">
              <label className="sr-only" htmlFor={`role-team-${entry.key}`}>
                Team {index + 1}
              </label>
              <select
                id={`role-team-${entry.key}`}
                value={entry.teamId}
                onChange={(event) => change(entry.key, { teamId: event.target.value })}
                aria-invalid={issueAt(index) ? true : undefined}
                aria-describedby={issueAt(index) ? `role-error-${entry.key}` : undefined}
                className="input"
              >
                {teams.map((team) => (
                  <option key={team.id} value={team.id}>
                    {team.name}
                  </option>
                ))}
              </select>
              <label className="sr-only" htmlFor={`role-role-${entry.key}`}>
                Role in team {index + 1}
              </label>
              <select id={`role-role-${entry.key}`} value={entry.role} onChange={(event) => change(entry.key, { role: event.target.value as Role })} className="input w-36">
                {ROLES.map((role) => (
                  <option key={role} value={role}>
                    {role}
                  </option>
                ))}
              </select>
              <Button size="sm" variant="ghost" onClick={() => setEntries((list) => list.filter((other) => other.key !== entry.key))} aria-label={`Remove team ${index + 1}`}>
                Remove
              </Button>
            </div>
            {issueAt(index) && (
              <p id={`role-error-${entry.key}`} className="mt-1 text-sm text-red-600">
                Team {issueAt(index)}
              </p>
            )}
          </div>
        ))}
        <Button size="sm" onClick={add} disabled={teams.length === 0}>
          Add team
        </Button>
      </div>
      <div className="mt-6 flex justify-end gap-2">
        <Button onClick={close} disabled={pending}>
          Cancel
        </Button>
        <Button variant="primary" onClick={() => void save()} disabled={pending}>
          {pending ? "Saving…" : "Save roles"}
        </Button>
      </div>
    </Modal>
  );
}
