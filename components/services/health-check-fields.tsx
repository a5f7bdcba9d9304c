"use client";
import { Field } from "../ui/field";
import { fieldId, type HealthCheckValues } from "./form-values";

type NumberField = "port" | "expectedStatus" | "timeoutSeconds";

/** EC2 status checks always gate a release; the HTTP check is optional. Errors at healthCheck.http.<field>. */
export function HealthCheckFields({ values, onChange, errors }: { values: HealthCheckValues; onChange: (values: HealthCheckValues) => void; errors: Record<string, string> }) {
  const set = (patch: Partial<HealthCheckValues>) => onChange({ ...values, ...patch });
  const input = (name: "path" | NumberField, label: string, help: string) => {
    const path = `healthCheck.http.${name}`;
    const id = fieldId(path);
    return (
      <Field id={id} label={label} help={help} error={errors[path]}>
        {(describedBy) => (
          <input
            id={id}
            className="input font-mono"
            inputMode={name === "path" ? undefined : "numeric"}
            value={values[name]}
            onChange={(e) => set({ [name]: e.target.value })}
            aria-invalid={Boolean(errors[path])}
            aria-describedby={describedBy}
          />
        )}
      </Field>
    );
  };
  return (
    <fieldset className="space-y-4">
      <legend className="text-sm font-semibold text-slate-900">Health check</legend>
      <p className="text-sm text-slate-600">New instances must pass EC2 status checks (system and instance) before traffic moves to them.</p>
      <Field id="healthCheck-http" label="Also check over HTTP" inline>
        {() => <input id="healthCheck-http" type="checkbox" className="size-4 rounded border-slate-300" checked={values.http} onChange={(e) => set({ http: e.target.checked })} />}
      </Field>
      {values.http && (
        <div className="grid gap-4 sm:grid-cols-4">
          {input("path", "Path", "Starts with /, like /healthz.")}
          {input("port", "Port", "1-65535.")}
          {input("expectedStatus", "Expected status", "100-599.")}
          {input("timeoutSeconds", "Timeout (seconds)", "1-300.")}
        </div>
      )}
    </fieldset>
  );
}
