"use client";
import { signOut } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { callApi, type ApiIssue } from "../api-client";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Field } from "../ui/field";
import { useHydrated } from "../ui/use-hydrated";

const FIELDS = [
  { id: "currentPassword", label: "Current password", autoComplete: "current-password" },
  { id: "newPassword", label: "New password", autoComplete: "new-password" },
  { id: "confirmPassword", label: "Confirm new password", autoComplete: "new-password" },
] as const;

/**
 * A changed password ends every session, this browser's too: it is sent to sign in with the new
 * password and a sentence saying why (keeping it signed in would need a fresh session token the
 * server hands out on its own say, which a stolen session could then ask for as well).
 */
export function PasswordForm({ minLength }: { minLength: number }) {
  const [issues, setIssues] = useState<ApiIssue[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  // A click before hydration would submit natively, putting the passwords in the URL.
  const hydrated = useHydrated();
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (key: string) => {
      const value = form.get(key);
      return typeof value === "string" ? value : "";
    };
    setPending(true);
    setError(null);
    const result = await callApi("/api/v1/me/password", {
      method: "POST",
      body: { currentPassword: text("currentPassword"), newPassword: text("newPassword"), confirmPassword: text("confirmPassword") },
    });
    if (result.ok) {
      await signOut({ callbackUrl: "/signin?notice=password-changed" });
      return;
    }
    setPending(false);
    const atFields = result.issues.filter((issue) => FIELDS.some((field) => field.id === issue.path));
    setIssues(atFields);
    if (atFields.length !== result.issues.length || atFields.length === 0) setError(result.message);
  };
  const issueOf = (id: string) => issues.find((issue) => issue.path === id)?.message;
  return (
    <form method="post" onSubmit={(event) => void submit(event)} className="space-y-4" noValidate>
      {error && <Alert>{error}</Alert>}
      {FIELDS.map((field) => (
        <Field key={field.id} id={field.id} label={field.label} required error={issueOf(field.id)} help={field.id === "newPassword" ? `At least ${minLength} characters.` : undefined}>
          {(describedBy) => (
            <input
              id={field.id}
              name={field.id}
              type="password"
              autoComplete={field.autoComplete}
              aria-invalid={issueOf(field.id) ? true : undefined}
              aria-describedby={describedBy}
              className="input"
            />
          )}
        </Field>
      ))}
      <p className="text-xs text-slate-500">Changing it signs you out everywhere, here too: sign in again with the new password.</p>
      <Button type="submit" variant="primary" disabled={pending || !hydrated}>
        {pending ? "Changing…" : "Change password"}
      </Button>
    </form>
  );
}
