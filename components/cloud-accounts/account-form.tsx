"use client";
import { useState, type FormEvent } from "react";
import { isAwsRegion } from "@/lib/cloud-accounts/aws-regions";
import { Button } from "../ui/button";
import { Field } from "../ui/field";
import { CredentialsFields, type CredentialValues } from "./credentials-fields";
import { ErrorSummary } from "./error-summary";
import { SharingFields, type SharingValues } from "./sharing-fields";
import { readApiError, type AccountJson, type CredentialSource, type TeamOption } from "./types";

function splitRegions(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).map((r) => r.trim()).filter(Boolean))];
}

/** The credentials part of the body; undefined on edit = keep what is stored. */
function credentialsBody(values: CredentialValues, account: AccountJson | undefined): Record<string, string> | undefined {
  if (values.source === "default_chain") return account?.credentialSource === "default_chain" ? undefined : { source: "default_chain" };
  if (values.source === "env") return { source: "env", accessKeyIdEnv: values.accessKeyIdEnv.trim(), secretAccessKeyEnv: values.secretAccessKeyEnv.trim() };
  const unchanged = account?.credentialSource === "static" && account.hasSecret && !values.accessKeyId.trim() && !values.secretAccessKey;
  return unchanged ? undefined : { source: "static", accessKeyId: values.accessKeyId.trim(), secretAccessKey: values.secretAccessKey };
}

/** Field names as the summary says them. */
const LABELS: Record<string, string> = {
  name: "Name",
  provider: "Provider",
  regions: "Regions",
  defaultRegion: "Default region",
  endpoint: "Endpoint",
  ownerTeam: "Owner team",
  sharedWith: "Also usable by",
  credentials: "Credentials",
  "credentials.accessKeyId": "Access key ID",
  "credentials.secretAccessKey": "Secret access key",
  "credentials.accessKeyIdEnv": "Access key ID variable",
  "credentials.secretAccessKeyEnv": "Secret access key variable",
  rateLimitMode: "Rate limits",
  isDefault: "Default account",
};
/** The input each field's error points at (credentials' inputs drop the prefix). */
const inputId = (field: string) => field.replace(/^credentials\./, "");

/** Create (no account) or edit (account given; name and provider are fixed once created). */
export function AccountForm({ account, teams, envPrefix, onSaved, onCancel }: {
  account?: AccountJson;
  teams: TeamOption[];
  /** HANGAR_CREDENTIAL_ENV_PREFIX: the only variable names env credentials may use. */
  envPrefix: string;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const [name, setName] = useState(account?.name ?? "");
  const [provider, setProvider] = useState(account?.provider ?? "aws");
  const [regionsText, setRegionsText] = useState(account?.regions.join(", ") ?? "us-east-1");
  const [defaultRegion, setDefaultRegion] = useState(account?.defaultRegion ?? "us-east-1");
  const [endpoint, setEndpoint] = useState(account?.endpoint ?? "");
  const [rateLimitMode, setRateLimitMode] = useState(account?.rateLimitMode ?? "aws");
  const [isDefault, setIsDefault] = useState(account?.isDefault ?? false);
  const [sharing, setSharing] = useState<SharingValues>({
    // No preselected owner: who may use an account is a choice the admin makes (the API says so if none is made).
    ownerTeam: account?.ownerTeam?.slug ?? "",
    all: account?.sharedWith === "all",
    teams: account && account.sharedWith !== "all" ? account.sharedWith.map((t) => t.slug) : [],
  });
  const [credentials, setCredentials] = useState<CredentialValues>({
    source: (account?.credentialSource as CredentialSource | undefined) ?? "default_chain",
    accessKeyId: "",
    secretAccessKey: "",
    accessKeyIdEnv: account?.accessKeyIdEnv ?? "",
    secretAccessKeyEnv: account?.secretAccessKeyEnv ?? "",
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const regions = splitRegions(regionsText);
  // Only regions that are regions can be the default; the list's bad ones are named on submit.
  const validRegions = regions.filter(isAwsRegion);
  const chosenDefault = validRegions.includes(defaultRegion) ? defaultRegion : (validRegions[0] ?? "");

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const common = {
      regions,
      // None valid: sent without one, and the API says which regions are wrong.
      defaultRegion: chosenDefault || undefined,
      endpoint: endpoint.trim() || null,
      rateLimitMode,
      isDefault,
      ownerTeam: sharing.ownerTeam || null,
      sharedWith: sharing.all ? "all" : sharing.teams,
    };
    const creds = credentialsBody(credentials, account);
    const body = account ? { ...common, ...(creds ? { credentials: creds } : {}) } : { ...common, name: name.trim(), provider, credentials: creds ?? { source: "default_chain" } };
    try {
      const response = await fetch(account ? `/api/v1/cloud-accounts/${account.id}` : "/api/v1/cloud-accounts", {
        method: account ? "PATCH" : "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      if (response.ok) return onSaved();
      const problem = await readApiError(response);
      setErrors(problem.fields);
      setMessage(Object.keys(problem.fields).length > 0 ? null : problem.message);
    } catch {
      setErrors({});
      setMessage("Could not reach Hangar.");
    } finally {
      setBusy(false);
    }
    setAttempt((n) => n + 1);
  };

  const problems = Object.entries(errors).map(([field, text]) => ({ field: inputId(field), label: LABELS[field] ?? field, message: text }));
  const input = (id: string) => ({ id, "aria-invalid": Boolean(errors[id]), className: "input" });
  return (
    <form onSubmit={(event) => void submit(event)} noValidate className="space-y-5">
      <ErrorSummary message={message} problems={problems} attempt={attempt} />
      {!account && (
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id="name" label="Name" required error={errors.name} help="2–49 lower-case letters, digits and dashes.">
            {(describedBy) => <input {...input("name")} value={name} onChange={(e) => setName(e.target.value)} aria-describedby={describedBy} className="input font-mono" autoComplete="off" />}
          </Field>
          <Field id="provider" label="Provider" error={errors.provider}>
            {(describedBy) => (
              <select {...input("provider")} value={provider} onChange={(e) => setProvider(e.target.value)} aria-describedby={describedBy}>
                <option value="aws">AWS (or EC2-compatible)</option>
                <option value="sandbox">Sandbox</option>
              </select>
            )}
          </Field>
        </div>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="regions" label="Regions" required error={errors.regions} help="Comma-separated, e.g. us-east-1, eu-west-1.">
          {(describedBy) => <input {...input("regions")} value={regionsText} onChange={(e) => setRegionsText(e.target.value)} aria-describedby={describedBy} className="input font-mono" />}
        </Field>
        <Field id="defaultRegion" label="Default region" error={errors.defaultRegion} help={validRegions.length === 0 ? "List a valid region first." : undefined}>
          {(describedBy) => (
            <select {...input("defaultRegion")} value={chosenDefault} onChange={(e) => setDefaultRegion(e.target.value)} aria-describedby={describedBy} disabled={validRegions.length === 0} className="input font-mono">
              {validRegions.map((r) => (
                <option key={r}>{r}</option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <Field id="endpoint" label="Endpoint" error={errors.endpoint} help="Optional. Leave empty for AWS; set an http:// or https:// URL for the sandbox or another EC2-compatible API.">
        {(describedBy) => <input {...input("endpoint")} type="url" value={endpoint} onChange={(e) => setEndpoint(e.target.value)} placeholder="https://ec2.example.internal" aria-describedby={describedBy} className="input font-mono" />}
      </Field>
      <SharingFields values={sharing} onChange={setSharing} teams={teams} errors={errors} />
      <CredentialsFields values={credentials} onChange={setCredentials} errors={errors} envPrefix={envPrefix} storedKeyId={account?.credentialSource === "static" && account.hasSecret ? account.accessKeyId : null} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="rateLimitMode" label="Rate limits" help="Client-side EC2 request buckets shared by all workers.">
          {(describedBy) => (
            <select {...input("rateLimitMode")} value={rateLimitMode} onChange={(e) => setRateLimitMode(e.target.value)} aria-describedby={describedBy}>
              <option value="aws">AWS request limits (recommended)</option>
              <option value="off">Off</option>
            </select>
          )}
        </Field>
        <div className="pt-7">
          <Field id="isDefault" label="Default account for new environments" inline>
            {() => <input id="isDefault" type="checkbox" checked={isDefault} onChange={(e) => setIsDefault(e.target.checked)} className="size-4 rounded border-slate-300" />}
          </Field>
        </div>
      </div>
      <div className="flex justify-end gap-2 border-t border-slate-100 pt-4">
        <Button onClick={onCancel} disabled={busy}>
          Cancel
        </Button>
        <Button type="submit" variant="primary" disabled={busy}>
          {busy ? "Saving…" : account ? "Save changes" : "Add account"}
        </Button>
      </div>
    </form>
  );
}
