"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { callApi, type ApiIssue } from "../api-client";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Field } from "../ui/field";
import { useHydrated } from "../ui/use-hydrated";

const FIELDS = [
  { id: "password", label: "Password" },
  { id: "confirmPassword", label: "Confirm password" },
] as const;

export function InviteForm({ token, name, minPasswordLength }: { token: string; name: string; minPasswordLength: number }) {
  const router = useRouter();
  const [issues, setIssues] = useState<ApiIssue[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  // A click before hydration would submit natively, putting the password in the URL.
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
    const result = await callApi("/api/invite", { method: "POST", body: { token, password: text("password"), confirmPassword: text("confirmPassword") } });
    if (result.ok) {
      router.push("/signin?notice=invite-accepted");
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
      <p className="text-sm text-slate-700">Welcome, {name}. Choose the password you will sign in with.</p>
      {error && <Alert>{error}</Alert>}
      {FIELDS.map((field) => (
        <Field key={field.id} id={field.id} label={field.label} required error={issueOf(field.id)} help={field.id === "password" ? `At least ${minPasswordLength} characters.` : undefined}>
          {(describedBy) => (
            <input id={field.id} name={field.id} type="password" autoComplete="new-password" aria-invalid={issueOf(field.id) ? true : undefined} aria-describedby={describedBy} className="input" />
          )}
        </Field>
      ))}
      <Button type="submit" variant="primary" className="w-full" disabled={pending || !hydrated}>
        {pending ? "Saving…" : "Set password"}
      </Button>
    </form>
  );
}
