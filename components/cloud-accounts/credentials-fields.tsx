"use client";
import { Field } from "../ui/field";
import { CREDENTIAL_SOURCES, type CredentialSource } from "./types";

export type CredentialValues = { source: CredentialSource; accessKeyId: string; secretAccessKey: string; accessKeyIdEnv: string; secretAccessKeyEnv: string };

/** Source radio plus the inputs that source needs. Secrets are write-only: never prefilled. */
export function CredentialsFields({ values, onChange, errors, storedKeyId, envPrefix }: {
  values: CredentialValues;
  /** Variable names must start with it (HANGAR_CREDENTIAL_ENV_PREFIX). */
  envPrefix: string;
  onChange: (values: CredentialValues) => void;
  errors: Record<string, string>;
  /** Masked key id of a stored static key pair, when editing one. */
  storedKeyId: string | null;
}) {
  const set = (patch: Partial<CredentialValues>) => onChange({ ...values, ...patch });
  const keeping = storedKeyId !== null && values.source === "static";
  return (
    <fieldset>
      <legend className="mb-2 text-sm font-medium text-slate-800">Credentials</legend>
      <div className="grid gap-2 sm:grid-cols-3">
        {(Object.keys(CREDENTIAL_SOURCES) as CredentialSource[]).map((source) => (
          <label key={source} className="flex cursor-pointer gap-2 rounded-md border border-slate-200 p-3 text-sm has-[:checked]:border-indigo-500 has-[:checked]:bg-indigo-50/50">
            <input
              type="radio"
              name="credential-source"
              value={source}
              checked={values.source === source}
              onChange={() => set({ source })}
              aria-label={CREDENTIAL_SOURCES[source].label}
              aria-describedby={`source-${source}-help`}
              className="mt-0.5"
            />
            <span>
              <span className="block font-medium text-slate-900">{CREDENTIAL_SOURCES[source].label}</span>
              <span id={`source-${source}-help`} className="block text-xs text-slate-500">
                {CREDENTIAL_SOURCES[source].help}
              </span>
            </span>
          </label>
        ))}
      </div>
      {errors.credentials && <p className="mt-1.5 text-sm text-red-600">{errors.credentials}</p>}
      {values.source === "static" && (
        <div className="mt-4 grid gap-4 sm:grid-cols-2">
          <Field id="accessKeyId" label="Access key ID" error={errors["credentials.accessKeyId"]} help={keeping ? `Stored: ${storedKeyId}. Leave both blank to keep it.` : undefined}>
            {(describedBy) => (
              <input id="accessKeyId" value={values.accessKeyId} onChange={(e) => set({ accessKeyId: e.target.value })} placeholder={keeping ? storedKeyId : "AKIA…"} aria-invalid={Boolean(errors["credentials.accessKeyId"])} aria-describedby={describedBy} className="input font-mono" autoComplete="off" spellCheck={false} />
            )}
          </Field>
          <Field id="secretAccessKey" label="Secret access key" error={errors["credentials.secretAccessKey"]} help={keeping ? "Blank = keep the stored secret." : "Stored encrypted; never shown again."}>
            {(describedBy) => (
              <input id="secretAccessKey" type="password" value={values.secretAccessKey} onChange={(e) => set({ secretAccessKey: e.target.value })} placeholder={keeping ? "•••••••• (stored)" : ""} aria-invalid={Boolean(errors["credentials.secretAccessKey"])} aria-describedby={describedBy} className="input font-mono" autoComplete="new-password" />
            )}
          </Field>
        </div>
      )}
      {values.source === "env" && (
        <div className="mt-4 grid gap-4 sm:grid-cols-2">
          <Field id="accessKeyIdEnv" label="Access key ID variable" error={errors["credentials.accessKeyIdEnv"]} help={`Starts with ${envPrefix}`}>
            {(describedBy) => (
              <input id="accessKeyIdEnv" value={values.accessKeyIdEnv} onChange={(e) => set({ accessKeyIdEnv: e.target.value })} placeholder={`${envPrefix}TEAM_A_KEY_ID`} aria-invalid={Boolean(errors["credentials.accessKeyIdEnv"])} aria-describedby={describedBy} className="input font-mono" spellCheck={false} />
            )}
          </Field>
          <Field id="secretAccessKeyEnv" label="Secret access key variable" error={errors["credentials.secretAccessKeyEnv"]} help={`Starts with ${envPrefix}`}>
            {(describedBy) => (
              <input id="secretAccessKeyEnv" value={values.secretAccessKeyEnv} onChange={(e) => set({ secretAccessKeyEnv: e.target.value })} placeholder={`${envPrefix}TEAM_A_SECRET`} aria-invalid={Boolean(errors["credentials.secretAccessKeyEnv"])} aria-describedby={describedBy} className="input font-mono" spellCheck={false} />
            )}
          </Field>
        </div>
      )}
    </fieldset>
  );
}
