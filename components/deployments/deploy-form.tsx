"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import type { DeployTargets } from "@/lib/deployments/deploy-targets";
import type { Strategy } from "@/lib/services/schemas";
import { callApi } from "../api-client";
import type { Jsonify } from "../jsonify";
import { defaultStrategyValues, issuesByPath, strategyBody, type StrategyValues } from "../services/form-values";
import { StrategyFields } from "../services/strategy-fields";
import { strategySummary } from "../services/strategy-summary";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Field } from "../ui/field";

/** The service's default strategy as the strategy fields' text values. */
function strategyValues(strategy: Strategy): StrategyValues {
  const values: StrategyValues = { ...defaultStrategyValues, type: strategy.type };
  if (strategy.type === "rolling") return { ...values, batchSize: String(strategy.batchSize), maxUnavailable: String(strategy.maxUnavailable) };
  if (strategy.type === "blue-green") return { ...values, graceMinutes: String(strategy.graceMinutes) };
  const byPercent = strategy.percent !== undefined;
  return { ...values, canaryBy: byPercent ? "percent" : "count", canary: String(byPercent ? strategy.percent : (strategy.count ?? 1)), bakeSeconds: String(strategy.bakeSeconds) };
}

/**
 * Deploys a release of the service to one of its team's environments: the newest release is
 * chosen first, the strategy is the service's unless overridden. On success it opens the new
 * deployment's page; a refusal shows at its field.
 */
export function DeployForm({ serviceId, targets, defaultStrategy }: { serviceId: string; targets: Jsonify<DeployTargets>; defaultStrategy: Strategy }) {
  const router = useRouter();
  const [release, setRelease] = useState(targets.releases[0]?.version ?? "");
  const [environment, setEnvironment] = useState(targets.environments[0]?.id ?? "");
  const [override, setOverride] = useState(false);
  const [strategy, setStrategy] = useState<StrategyValues>(() => strategyValues(defaultStrategy));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (targets.releases.length === 0) return <p className="text-sm text-slate-600">Create a release first (the form below); then deploy it here.</p>;
  if (targets.environments.length === 0) {
    return (
      <p className="text-sm text-slate-600">
        No ready environment of the team runs this service’s template. Request one from the catalog, then deploy here once it is ready.
      </p>
    );
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    setBusy(true);
    const body = { release, environment, ...(override ? { strategy: strategyBody(strategy) } : {}) };
    const result = await callApi<{ id: string }>(`/api/v1/services/${encodeURIComponent(serviceId)}/deployments`, { method: "POST", body });
    if (result.ok) {
      router.push(`/deployments/${result.data.id}`);
      return;
    }
    setBusy(false);
    // The strategy fields are named as the service form names them (defaultStrategy.<field>).
    const issues = result.issues.map((issue) => ({ ...issue, path: issue.path.replace(/^strategy\b/, "defaultStrategy") }));
    setErrors(issuesByPath(issues));
    const atFields = issues.length > 0 && issues.every((issue) => /^(release|environment|defaultStrategy(\..*)?)$/.test(issue.path));
    setMessage(atFields ? "Fix the highlighted fields." : result.message);
  };

  const chosen = targets.environments.find((e) => e.id === environment);
  return (
    <form onSubmit={(event) => void submit(event)} noValidate className="space-y-4" aria-label="Deploy a release">
      {message && <Alert>{message}</Alert>}
      <Field id="deploy-release" label="Release" error={errors.release} help="Newest first.">
        {(describedBy) => (
          <select id="deploy-release" className="input font-mono" value={release} onChange={(e) => setRelease(e.target.value)} aria-describedby={describedBy} aria-invalid={Boolean(errors.release)}>
            {targets.releases.map((r) => (
              <option key={r.id} value={r.version}>
                {r.version}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="deploy-environment" label="Environment" error={errors.environment} help={chosen ? (chosen.live ? `Runs ${chosen.live} now.` : "Nothing deployed there yet.") : undefined}>
        {(describedBy) => (
          <select id="deploy-environment" className="input" value={environment} onChange={(e) => setEnvironment(e.target.value)} aria-describedby={describedBy} aria-invalid={Boolean(errors.environment)}>
            {targets.environments.map((e) => (
              <option key={e.id} value={e.id}>
                {e.name}
                {e.live ? ` (runs ${e.live})` : ""}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="flex items-start gap-2">
        <input id="deploy-override" type="checkbox" className="mt-1" checked={override} onChange={(e) => setOverride(e.target.checked)} />
        <label htmlFor="deploy-override" className="text-sm text-slate-700">
          Use another strategy this time
          <span className="block text-xs text-slate-500">Default: {strategySummary(defaultStrategy)}</span>
        </label>
      </div>
      {override && <StrategyFields values={strategy} onChange={setStrategy} errors={errors} legend="Strategy for this deployment" />}
      <div className="flex justify-end">
        <Button type="submit" variant="primary" disabled={busy}>
          {busy ? "Deploying…" : "Deploy"}
        </Button>
      </div>
    </form>
  );
}
