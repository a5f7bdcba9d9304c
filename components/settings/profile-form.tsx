"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { callApi, type ApiIssue } from "../api-client";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Field } from "../ui/field";

export function ProfileForm({ name, email }: { name: string; email: string }) {
  const router = useRouter();
  const [issues, setIssues] = useState<ApiIssue[]>([]);
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const [pending, setPending] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = new FormData(event.currentTarget).get("name");
    setPending(true);
    setMessage(null);
    const result = await callApi<{ name: string }>("/api/v1/me", { method: "PATCH", body: { name: typeof value === "string" ? value : "" } });
    setPending(false);
    if (result.ok) {
      setIssues([]);
      setMessage({ tone: "success", text: "Name saved." });
      router.refresh();
      return;
    }
    setIssues(result.issues);
    if (!result.issues.some((issue) => issue.path === "name")) setMessage({ tone: "error", text: result.message });
  };
  const nameError = issues.find((issue) => issue.path === "name")?.message;
  return (
    <form onSubmit={(event) => void submit(event)} className="space-y-4" noValidate>
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
      <Field id="profile-name" label="Name" error={nameError} required>
        {(describedBy) => <input id="profile-name" name="name" defaultValue={name} autoComplete="name" aria-invalid={nameError ? true : undefined} aria-describedby={describedBy} className="input" />}
      </Field>
      <Field id="profile-email" label="Email" help="You sign in with it; an administrator can change it.">
        {(describedBy) => <input id="profile-email" value={email} readOnly disabled aria-describedby={describedBy} className="input" />}
      </Field>
      <Button type="submit" variant="primary" disabled={pending}>
        {pending ? "Saving…" : "Save name"}
      </Button>
    </form>
  );
}
