"use client";
// Review, then apply, an environment's upgrade: pick the version (newest by default), adjust
// parameter values (new ones start at their defaults), read the plan the server computed for
// exactly those answers (a dry run of the real upgrade), then apply it. The plan is checked
// again when applied, under the environment's lock.
import { useRouter } from "next/navigation";
import { useMemo, useRef, useState } from "react";
import { callApi, type ApiIssue } from "../../api-client";
import { ParameterInput } from "../../request/parameter-field";
import { formValuesFrom, parameterFields, toParameters, type FormValue, type ParameterField } from "../../request/schema-fields";
import { Alert } from "../../ui/alert";
import { Button } from "../../ui/button";
import { Section } from "../../ui/section";
import { PlanView, type UpgradePlanJson } from "./plan-view";

export type UpgradeTargetJson = { version: number; changeNote: string | null; parameters: Record<string, unknown>; parameterOrder: string[] };

type Failure = { message: string; issues: ApiIssue[] };

const HIDDEN = "(hidden)";

/**
 * The target's fields; a parameter whose value the server hides (writeOnly, or named like a
 * secret) is a secret field: typed hidden, empty unless the user types a new value.
 */
function secretFields(target: UpgradeTargetJson, ...shown: Record<string, unknown>[]): ParameterField[] {
  return parameterFields(target.parameters, target.parameterOrder).map((field) => (shown.some((values) => values[field.key] === HIDDEN) ? { ...field, secret: true } : field));
}

function startValues(fields: ParameterField[], values: Record<string, unknown>): Record<string, FormValue> {
  const known = Object.fromEntries(Object.entries(values).filter(([, value]) => value !== HIDDEN));
  const start = formValuesFrom(fields, known);
  for (const field of fields) if (field.secret && values[field.key] === HIDDEN) start[field.key] = "";
  return start;
}

export function UpgradeReview(props: {
  environment: { id: string; name: string; parameters: Record<string, unknown> };
  fromVersion: number;
  targets: UpgradeTargetJson[];
  initialVersion: number;
  initialPlan: UpgradePlanJson | null;
  initialFailure: Failure | null;
  canWrite: boolean;
}) {
  const router = useRouter();
  const [version, setVersion] = useState(props.initialVersion);
  const target = props.targets.find((t) => t.version === version) ?? props.targets[0]!;
  const [plan, setPlan] = useState(props.initialPlan);
  // Hidden now, or hidden by the target version (a parameter it makes writeOnly): typed as a secret.
  const fields = useMemo(() => secretFields(target, props.environment.parameters, plan?.parameters.values ?? {}), [target, props.environment.parameters, plan]);
  const [values, setValues] = useState<Record<string, FormValue>>(() => startValues(fields, props.initialPlan?.parameters.values ?? props.environment.parameters));
  const [failure, setFailure] = useState(props.initialFailure);
  const [busy, setBusy] = useState<"plan" | "apply" | null>(null);
  const [stale, setStale] = useState(false);
  const request = useRef<AbortController | null>(null);

  /** Secret fields left empty keep their current value (the server carries it over). */
  const overrides = (current: Record<string, FormValue>) => {
    const given = toParameters(fields, current);
    for (const field of fields) if (field.secret && (current[field.key] ?? "") === "") delete given[field.key];
    return given;
  };

  async function check(toVersion: number, parameters: Record<string, unknown> | undefined, resetForm: boolean) {
    request.current?.abort();
    const controller = new AbortController();
    request.current = controller;
    setBusy("plan");
    const result = await callApi<UpgradePlanJson>(`/api/v1/environments/${props.environment.id}/upgrade`, {
      method: "POST",
      body: { toVersion, dryRun: true, ...(parameters ? { parameters } : {}) },
      signal: controller.signal,
    });
    if (controller.signal.aborted) return;
    setBusy(null);
    setStale(false);
    if (result.ok) {
      setPlan(result.data);
      setFailure(null);
      if (resetForm) {
        const next = props.targets.find((t) => t.version === toVersion)!;
        setValues(startValues(secretFields(next, props.environment.parameters, result.data.parameters.values), result.data.parameters.values));
      }
    } else {
      setPlan(null);
      setFailure({ message: result.message, issues: result.issues });
    }
  }

  async function apply() {
    setBusy("apply");
    const result = await callApi<{ id: string; runId: string }>(`/api/v1/environments/${props.environment.id}/upgrade`, {
      method: "POST",
      body: { toVersion: version, parameters: overrides(values) },
    });
    setBusy(null);
    if (result.ok) {
      router.push(`/environments/${props.environment.id}`);
      return;
    }
    setFailure({ message: result.message, issues: result.issues });
  }

  const fieldError = (key: string) => failure?.issues.find((issue) => issue.path === `parameters.${key}`)?.message;
  const canApply = props.canWrite && plan !== null && plan.changes && plan.blockers.length === 0 && !stale && busy === null;

  return (
    <div className="space-y-6">
      <Section title="Upgrade to" id="upgrade-choice" bodyClassName="space-y-4 p-4">
        <div className="flex max-w-md flex-col gap-1 text-sm">
          <label className="font-medium text-slate-700" htmlFor="upgrade-version">
            Version
          </label>
          <select
            id="upgrade-version"
            className="input"
            value={version}
            onChange={(event) => {
              const next = Number(event.target.value);
              setVersion(next);
              void check(next, undefined, true);
            }}
          >
            {props.targets.map((t) => (
              <option key={t.version} value={t.version}>
                {t.version === props.fromVersion ? `Version ${t.version} (current: change parameters only)` : `Version ${t.version}${t.changeNote ? ` — ${t.changeNote}` : ""}`}
              </option>
            ))}
          </select>
        </div>
        {fields.length > 0 && (
          <form
            className="grid gap-4 sm:grid-cols-2"
            onSubmit={(event) => {
              event.preventDefault();
              void check(version, overrides(values), false);
            }}
          >
            {fields.map((field) => (
              <ParameterInput
                key={`${version}-${field.key}`}
                field={field.secret ? { ...field, required: false, description: `${field.description ?? ""} Leave empty to keep the current value.`.trim() } : field}
                value={values[field.key]}
                error={fieldError(field.key)}
                onChange={(value) => {
                  setValues((current) => ({ ...current, [field.key]: value }));
                  setStale(true);
                }}
                onBlur={() => undefined}
              />
            ))}
            <div className="sm:col-span-2">
              <Button type="submit" disabled={busy !== null}>
                {busy === "plan" ? "Checking…" : "Check the plan with these values"}
              </Button>
            </div>
          </form>
        )}
      </Section>

      <Section title="Plan" id="upgrade-plan" bodyClassName="p-4">
        {failure && (
          <Alert tone="error" className="mb-4" title="This upgrade cannot be applied as it is">
            {failure.message}
          </Alert>
        )}
        {stale && <Alert tone="info" className="mb-4">You changed a value: check the plan again before applying.</Alert>}
        {plan ? <PlanView plan={plan} /> : !failure && <p className="text-sm text-slate-500">Working out the plan…</p>}
      </Section>

      <div className="flex items-center gap-3">
        <Button variant="primary" disabled={!canApply} onClick={() => void apply()}>
          {busy === "apply" ? "Starting the update…" : "Apply the update"}
        </Button>
        {!props.canWrite && <span className="text-sm text-slate-500">Your role in this team can read the plan but not apply it.</span>}
      </div>
    </div>
  );
}
