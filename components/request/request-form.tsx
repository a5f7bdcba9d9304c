"use client";
import { useRouter } from "next/navigation";
import { useMemo, useRef, useState, type FormEvent } from "react";
import { environmentName } from "@/lib/environments/schemas";
import { Button, ButtonLink } from "../ui/button";
import { Field } from "../ui/field";
import { useHydrated } from "../ui/use-hydrated";
import { PlanPreview } from "./plan-preview";
import { useRequestPreview } from "./use-request-preview";
import { ErrorSummary } from "./error-summary";
import { LeaseSelect } from "./lease-select";
import { LiveOptionsField } from "./live-options-field";
import { ParameterInput } from "./parameter-field";
import { PlacementFields } from "./placement-fields";
import { PrefillBar } from "./prefill-bar";
import { checkField, parameterFields, toParameters, type FormValue } from "./schema-fields";
import { submitRequest } from "./submit-request";
import type { FieldErrors, RequestAccount, RequestPrefill, RequestTeam, RequestTemplate } from "./types";
import { useRequestValues } from "./use-request-values";

function checkName(value: string): string | null {
  if (!value.trim()) return "is required";
  const result = environmentName.safeParse(value);
  return result.success ? null : (result.error.issues[0]?.message ?? "is invalid");
}

export function RequestForm({ template, accounts, teams, prefill }: { template: RequestTemplate; accounts: RequestAccount[]; teams: RequestTeam[]; prefill: RequestPrefill }) {
  const router = useRouter();
  const fields = useMemo(() => parameterFields(template.spec.parameters, template.parameterOrder), [template.spec.parameters, template.parameterOrder]);
  const form = useRequestValues({ fields, lease: template.spec.lease, prefill, teams, accounts });
  const { values, ttl: lease } = form;
  const { team, accountId, region } = form.placement;
  const [name, setName] = useState(prefill.name ?? "");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [summary, setSummary] = useState<{ message: string; extra: string[] } | null>(null);
  const [pending, setPending] = useState(false);
  const hydrated = useHydrated();

  // As the fields are labelled, so the summary at the top and the estimate name them the same way.
  const labels: Record<string, string> = { name: "Environment name", ttl: "Lease", team: "Team", cloudAccount: "Cloud account", region: "Region", template: "Template" };
  for (const field of fields) labels[`parameters.${field.key}`] = field.title;
  const titles = Object.fromEntries(fields.map((field) => [field.key, field.title]));
  const params = toParameters(fields, values);
  // Exactly what Request would send, previewed by the server (the price included).
  const placement = { ...(teams.length > 1 && team ? { team } : {}), ...(accountId ? { cloudAccount: accountId, region } : {}) };
  const preview = useRequestPreview(template.slug, { templateVersion: template.version, parameters: params, ttl: lease, ...(checkName(name) ? {} : { name: name.trim() }), ...placement });

  // Errors appear when leaving a field (and on submit); typing only updates or clears one shown.
  const show = (path: string, message: string | null) =>
    setErrors((current) => {
      const next = { ...current };
      if (message) next[path] = message;
      else delete next[path];
      return next;
    });
  // Leaving a field shows its problem, except an empty one never typed in: the name box has the
  // focus when the page opens, and moving on from it is no mistake yet (Request still says so).
  const typedIn = useRef(new Set<string>());
  const leave = (path: string, value: unknown, message: string | null) => {
    const empty = typeof value !== "string" || value.trim() === "";
    if (!(empty && !typedIn.current.has(path))) show(path, message);
  };
  const recheck = (path: string, message: string | null) =>
    setErrors((current) => {
      if (!(path in current)) return current;
      const next = { ...current };
      if (message) next[path] = message;
      else delete next[path];
      return next;
    });

  // A preset or a reset replaces every parameter: problems shown for the old values no longer apply.
  const clearParameterErrors = () => setErrors((current) => Object.fromEntries(Object.entries(current).filter(([path]) => !path.startsWith("parameters."))));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: FieldErrors = {};
    const nameProblem = checkName(name);
    if (nameProblem) found.name = nameProblem;
    for (const field of fields) {
      const problem = checkField(field, values[field.key]);
      if (problem) found[`parameters.${field.key}`] = problem;
    }
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setSummary({ message: "Fix the highlighted fields and submit again.", extra: [] });
      return;
    }
    setPending(true);
    setSummary(null);
    const body = { name: name.trim(), template: template.slug, templateVersion: template.version, parameters: params, ttl: lease, ...placement };
    const result = await submitRequest(body, new Set(Object.keys(labels)));
    if (result.ok) {
      router.push(`/environments/${result.id}`);
      return;
    }
    setPending(false);
    setErrors(result.fieldErrors);
    setSummary({ message: result.message, extra: result.unplaced });
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
      <div className="space-y-6">
        {summary && <ErrorSummary message={summary.message} errors={errors} labels={labels} extra={summary.extra} />}
        <PrefillBar presets={template.presets} origin={form.origin} version={template.version} dropped={form.dropped} edited={form.edited} labels={labels}
          onPreset={(preset) => {
            form.applyPreset(preset);
            clearParameterErrors();
          }}
          onReset={() => {
            form.reset();
            clearParameterErrors();
          }}
        />
        <fieldset className="space-y-5 rounded-lg border border-slate-200 bg-white p-5 shadow-xs">
          <legend className="sr-only">Environment</legend>
          <Field id="name" label="Environment name" required error={errors.name} help="1-40 lower-case letters, digits and dashes; unique within the team.">
            {(describedBy) => (
              <input
                id="name"
                value={name}
                onChange={(e) => {
                  typedIn.current.add("name");
                  setName(e.target.value);
                  recheck("name", checkName(e.target.value));
                }}
                onBlur={() => leave("name", name, checkName(name))}
                aria-invalid={Boolean(errors.name)}
                aria-describedby={describedBy}
                aria-required
                placeholder="e.g. checkout-redesign"
                className="input font-mono"
                autoComplete="off"
                spellCheck={false}
                autoFocus
              />
            )}
          </Field>
          <PlacementFields lease={<LeaseSelect value={lease} onChange={form.setTtl} lease={template.spec.lease} error={errors.ttl} />} teams={teams} team={team} onTeam={form.setTeam} accounts={accounts} accountId={accountId} region={region} errors={errors}
            onAccount={form.setAccount}
            onRegion={form.setRegion}
          />
        </fieldset>
        {fields.length > 0 && (
          <fieldset className="space-y-5 rounded-lg border border-slate-200 bg-white p-5 shadow-xs">
            <legend className="float-left mb-1 w-full text-sm font-semibold text-slate-900">Parameters</legend>
            {fields.map((field) => {
              const props = {
                field,
                value: values[field.key],
                error: errors[`parameters.${field.key}`],
                onChange: (value: FormValue) => {
                  typedIn.current.add(`parameters.${field.key}`);
                  form.setValue(field.key, value);
                  recheck(`parameters.${field.key}`, checkField(field, value));
                },
                onBlur: () => leave(`parameters.${field.key}`, values[field.key], checkField(field, values[field.key])),
              };
              return field.source ? (
                <LiveOptionsField key={field.key} {...props} template={template} values={values} titles={titles} placement={accountId ? { cloudAccount: accountId, region } : {}} />
              ) : (
                <ParameterInput key={field.key} {...props} />
              );
            })}
          </fieldset>
        )}
        <div className="flex items-center justify-end gap-2">
          <ButtonLink href="/environments/new">Back</ButtonLink>
          <Button type="submit" variant="primary" disabled={pending || !hydrated}>
            {pending ? "Requesting…" : "Request environment"}
          </Button>
        </div>
      </div>
      <aside className="space-y-4 lg:sticky lg:top-20 lg:self-start">
        <div className="rounded-lg border border-slate-200 bg-white p-5 shadow-xs">
          <PlanPreview state={preview} labels={labels} />
        </div>
        <div className="rounded-lg border border-slate-200 bg-slate-50 p-5 text-sm text-slate-600">
          <h2 className="font-semibold text-slate-900">What happens next</h2>
          <ol className="mt-2 list-decimal space-y-1 pl-4">
            <li>Hangar queues a provision run.</li>
            <li>A worker launches the instances and waits until they run.</li>
            <li>You watch each step and its logs live, then get the outputs.</li>
          </ol>
        </div>
      </aside>
    </form>
  );
}
