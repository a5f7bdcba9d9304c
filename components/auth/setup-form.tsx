"use client";
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { callApi, type ApiIssue } from "../api-client";
import { Alert } from "../ui/alert";
import { Button, buttonStyles } from "../ui/button";
import { Field } from "../ui/field";
import { useHydrated } from "../ui/use-hydrated";

const FIELDS = [
  { id: "name", label: "Your name", type: "text", autoComplete: "name", help: undefined },
  { id: "email", label: "Email", type: "email", autoComplete: "username", help: "You sign in with it." },
  { id: "team", label: "Team", type: "text", autoComplete: "organization", help: "Your first team; you are its admin. Environments belong to teams." },
  { id: "password", label: "Password", type: "password", autoComplete: "new-password", help: undefined },
] as const;

export function SetupForm({ token, minPasswordLength }: { token: string; minPasswordLength: number }) {
  const [issues, setIssues] = useState<ApiIssue[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [created, setCreated] = useState<string | null>(null);
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
    setIssues([]);
    const result = await callApi<{ email: string }>("/api/setup", {
      method: "POST",
      body: { token, name: text("name"), email: text("email"), team: text("team"), password: text("password") },
    });
    setPending(false);
    if (result.ok) {
      setCreated(result.data.email);
      return;
    }
    const fieldIssues = result.issues.filter((issue) => FIELDS.some((field) => field.id === issue.path));
    setIssues(fieldIssues);
    // The summary says what no field shows (an expired link, a second admin meanwhile).
    setError(fieldIssues.length === result.issues.length && fieldIssues.length > 0 ? "Check the fields marked below." : result.message);
  };

  if (created) {
    return (
      <div className="space-y-4">
        <Alert tone="success" title="Administrator created">
          Sign in as {created}. This setup link no longer works.
        </Alert>
        <Link href="/signin" className={buttonStyles("primary")}>
          Go to sign-in
        </Link>
      </div>
    );
  }

  const issueOf = (id: string) => issues.find((issue) => issue.path === id)?.message;
  return (
    <form method="post" onSubmit={(event) => void submit(event)} className="space-y-4" noValidate>
      {error && <Alert>{error}</Alert>}
      {FIELDS.map((field) => (
        <Field
          key={field.id}
          id={field.id}
          label={field.label}
          required
          error={issueOf(field.id)}
          help={field.id === "password" ? `At least ${minPasswordLength} characters.` : field.help}
        >
          {(describedBy) => (
            <input
              id={field.id}
              name={field.id}
              type={field.type}
              autoComplete={field.autoComplete}
              defaultValue={field.id === "team" ? "Platform" : undefined}
              minLength={field.id === "password" ? minPasswordLength : undefined}
              aria-invalid={issueOf(field.id) ? true : undefined}
              aria-describedby={describedBy}
              required
              className="input"
            />
          )}
        </Field>
      ))}
      <Button type="submit" variant="primary" className="w-full" disabled={pending || !hydrated}>
        {pending ? "Creating…" : "Create administrator"}
      </Button>
    </form>
  );
}
