"use client";
import { useState, type FormEvent } from "react";
import { callApi, type ApiIssue } from "../api-client";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { CopyButton } from "../ui/copy-button";
import { Field } from "../ui/field";
import { Modal } from "../ui/modal";
import type { TokenOwner, TokenRow } from "./token-types";

const EXPIRY_DAYS = [7, 30, 90, 365] as const;
const SCOPES = [
  { value: "read", label: "read: see what you can see" },
  { value: "write", label: "write: also request, change and destroy" },
  { value: "admin", label: "admin: everything you may do" },
] as const;

/** The form, then the token shown once: only its hash is kept, so closing the dialog loses it. */
export function CreateTokenDialog({ owner, open, onClose, onCreated }: { owner: TokenOwner; open: boolean; onClose: () => void; onCreated: () => void }) {
  const [issues, setIssues] = useState<ApiIssue[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [created, setCreated] = useState<{ token: string; item: TokenRow } | null>(null);
  const close = () => {
    setIssues([]);
    setError(null);
    setCreated(null);
    onClose();
  };
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (key: string) => {
      const value = form.get(key);
      return typeof value === "string" ? value : "";
    };
    setPending(true);
    setError(null);
    const result = await callApi<{ token: string; item: TokenRow }>("/api/v1/tokens", {
      method: "POST",
      body: { name: text("name"), scope: text("scope"), expiresInDays: Number(text("expiresInDays")), ...(owner.teamId ? { teamId: owner.teamId } : {}) },
    });
    setPending(false);
    if (result.ok) {
      setIssues([]);
      setCreated(result.data);
      onCreated();
      return;
    }
    const atFields = result.issues.filter((issue) => ["name", "scope", "expiresInDays"].includes(issue.path));
    setIssues(atFields);
    if (atFields.length !== result.issues.length || atFields.length === 0) setError(result.message);
  };
  const issueOf = (id: string) => issues.find((issue) => issue.path === id)?.message;
  return (
    <Modal open={open} onClose={close} title={created ? "Copy your new token" : `New API token · ${owner.label}`} description={created ? undefined : "Use it as Authorization: Bearer <token>, or with hangar login."}>
      {created ? (
        <div className="space-y-4">
          <Alert tone="warning" title="This is the only time it is shown">
            Hangar keeps only a hash of it. Store it in your CI secrets or password manager now; if it is lost, revoke it and create another.
          </Alert>
          <div className="flex items-center gap-2 rounded-md border border-slate-200 bg-slate-50 p-2">
            <code className="min-w-0 flex-1 font-mono text-sm break-all" aria-label="New token">
              {created.token}
            </code>
            <CopyButton value={created.token} label="token" />
          </div>
          <div className="flex justify-end">
            <Button variant="primary" onClick={close}>
              Done
            </Button>
          </div>
        </div>
      ) : (
        <form onSubmit={(event) => void submit(event)} className="space-y-4" noValidate>
          {error && <Alert>{error}</Alert>}
          <Field id="token-name" label="Name" required error={issueOf("name")} help="What uses it, e.g. “GitHub Actions deploy”.">
            {(describedBy) => <input id="token-name" name="name" maxLength={80} aria-invalid={issueOf("name") ? true : undefined} aria-describedby={describedBy} className="input" />}
          </Field>
          <Field id="token-scope" label="Scope" required error={issueOf("scope")}>
            {(describedBy) => (
              <select id="token-scope" name="scope" defaultValue="read" aria-invalid={issueOf("scope") ? true : undefined} aria-describedby={describedBy} className="input">
                {SCOPES.map((scope) => (
                  <option key={scope.value} value={scope.value}>
                    {scope.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="token-expiry" label="Expires after" required error={issueOf("expiresInDays")}>
            {(describedBy) => (
              <select id="token-expiry" name="expiresInDays" defaultValue="30" aria-invalid={issueOf("expiresInDays") ? true : undefined} aria-describedby={describedBy} className="input">
                {EXPIRY_DAYS.map((days) => (
                  <option key={days} value={days}>
                    {days} days
                  </option>
                ))}
              </select>
            )}
          </Field>
          <div className="flex justify-end gap-2">
            <Button onClick={close} disabled={pending}>
              Cancel
            </Button>
            <Button type="submit" variant="primary" disabled={pending}>
              {pending ? "Creating…" : "Create token"}
            </Button>
          </div>
        </form>
      )}
    </Modal>
  );
}
