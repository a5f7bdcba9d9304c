"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { commitSha as commitShaSchema } from "@/lib/releases/schemas";
import { callApi } from "../api-client";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Field } from "../ui/field";
import { ConfigFields } from "./config-fields";
import { configBody, issuesByPath, type ConfigRow } from "./form-values";

const FIELD_PATHS = /^(version|artifact|commitSha|changelog|config(\..*)?)$/;
const EMPTY_ROWS: ConfigRow[] = [{ id: 1, key: "", value: "" }];

/** Creates an immutable release; on success the page reloads its list and the form empties. */
export function ReleaseForm({ serviceId }: { serviceId: string }) {
  const router = useRouter();
  const [version, setVersion] = useState("");
  const [artifact, setArtifact] = useState("");
  const [rows, setRows] = useState<ConfigRow[]>(EMPTY_ROWS);
  const [commitSha, setCommitSha] = useState("");
  const [changelog, setChangelog] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    setCreated(null);
    const { config, duplicates } = configBody(rows);
    if (duplicates.length > 0) {
      setErrors(Object.fromEntries(duplicates.map((key) => [`config.${key}`, "is given twice"])));
      setMessage("Fix the highlighted fields.");
      return;
    }
    setBusy(true);
    const result = await callApi<{ version: string }>(`/api/v1/services/${encodeURIComponent(serviceId)}/releases`, {
      method: "POST",
      body: { version, artifact, config, ...(commitSha ? { commitSha } : {}), changelog },
    });
    setBusy(false);
    if (result.ok) {
      setErrors({});
      setVersion("");
      setArtifact("");
      setRows(EMPTY_ROWS);
      setCommitSha("");
      setChangelog("");
      setCreated(result.data.version);
      router.refresh();
      return;
    }
    // A used version is a whole sentence ("service web already has a release 1.0.0 …"), not a
    // predicate the field should put its label before.
    const issues = result.status === 409 ? result.issues.map((issue) => ({ ...issue, message: issue.message.charAt(0).toUpperCase() + issue.message.slice(1) })) : result.issues;
    setErrors(issuesByPath(issues));
    const elsewhere = result.issues.filter((issue) => !FIELD_PATHS.test(issue.path));
    setMessage(result.issues.length > 0 && elsewhere.length === 0 ? "Fix the highlighted fields." : result.message);
  };

  const invalid = (path: string) => ({ "aria-invalid": Boolean(errors[path]) });
  // Checked as it will be sent (the API never rewrites it): a pasted uppercase SHA says "try …" on leaving the box.
  const showSha = (value: string, always: boolean) =>
    setErrors(({ commitSha: shown, ...rest }) => {
      const problem = value === "" ? null : (commitShaSchema.safeParse(value).error?.issues[0]?.message ?? null);
      return problem && (always || shown) ? { ...rest, commitSha: problem } : rest;
    });
  return (
    <form onSubmit={(event) => void submit(event)} noValidate className="space-y-4">
      {message && <Alert>{message}</Alert>}
      {created && (
        <Alert tone="success" title={`Release ${created} created`}>
          It is at the top of the releases list.
        </Alert>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="version" label="Version" required error={errors.version} help="Unique in the service, like 1.4.2; a release never changes once created.">
          {(describedBy) => <input id="version" className="input font-mono" autoComplete="off" value={version} onChange={(e) => setVersion(e.target.value)} aria-describedby={describedBy} {...invalid("version")} />}
        </Field>
        <Field id="commitSha" label="Commit SHA" error={errors.commitSha} help="Optional, 7-40 hex digits.">
          {(describedBy) => (
            <input
              id="commitSha"
              className="input font-mono"
              autoComplete="off"
              spellCheck={false}
              value={commitSha}
              onChange={(e) => {
                setCommitSha(e.target.value);
                showSha(e.target.value, false);
              }}
              onBlur={() => showSha(commitSha, true)}
              aria-describedby={describedBy}
              {...invalid("commitSha")}
            />
          )}
        </Field>
      </div>
      <Field id="artifact" label="Artifact" required error={errors.artifact} help="A container image with a tag or digest (registry/name:1.4.2) or an https archive URL.">
        {(describedBy) => (
          <input id="artifact" className="input font-mono" placeholder="ghcr.io/acme/web:1.4.2" value={artifact} onChange={(e) => setArtifact(e.target.value)} aria-describedby={describedBy} {...invalid("artifact")} />
        )}
      </Field>
      <ConfigFields rows={rows} onChange={setRows} errors={errors} />
      <Field id="changelog" label="Changelog" error={errors.changelog}>
        {(describedBy) => <textarea id="changelog" rows={3} className="input" value={changelog} onChange={(e) => setChangelog(e.target.value)} aria-describedby={describedBy} {...invalid("changelog")} />}
      </Field>
      <div className="flex justify-end">
        <Button type="submit" variant="primary" disabled={busy}>
          {busy ? "Creating…" : "Create release"}
        </Button>
      </div>
    </form>
  );
}
