"use client";
import { Field } from "../ui/field";
import { fieldId, type StrategyValues } from "./form-values";

type Props = { values: StrategyValues; onChange: (values: StrategyValues) => void; errors: Record<string, string>; legend?: string };

/** The default strategy and the settings of the chosen one; errors at defaultStrategy.<field>. */
export function StrategyFields({ values, onChange, errors, legend = "Default strategy" }: Props) {
  const set = (patch: Partial<StrategyValues>) => onChange({ ...values, ...patch });
  const number = (name: "batchSize" | "maxUnavailable" | "graceMinutes" | "bakeSeconds" | "canary", label: string, help: string, path: string = name) => {
    const id = fieldId(`defaultStrategy.${path}`);
    return (
      <Field id={id} label={label} help={help} error={errors[`defaultStrategy.${path}`]}>
        {(describedBy) => (
          <input id={id} inputMode="numeric" className="input" value={values[name]} onChange={(e) => set({ [name]: e.target.value })} aria-invalid={Boolean(errors[`defaultStrategy.${path}`])} aria-describedby={describedBy} />
        )}
      </Field>
    );
  };
  return (
    <fieldset className="space-y-4">
      <legend className="text-sm font-semibold text-slate-900">{legend}</legend>
      <Field id="defaultStrategy-type" label="Strategy" error={errors["defaultStrategy.type"]} help="How a release replaces the running instances unless a deploy says otherwise.">
        {(describedBy) => (
          <select id="defaultStrategy-type" className="input" value={values.type} onChange={(e) => set({ type: e.target.value as StrategyValues["type"] })} aria-describedby={describedBy}>
            <option value="rolling">Rolling — in health-gated batches</option>
            <option value="blue-green">Blue-green — the whole new set, then switch</option>
            <option value="canary">Canary — a few first, bake, then the rest</option>
          </select>
        )}
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        {values.type === "rolling" && (
          <>
            {number("batchSize", "Batch size", "Instances replaced at a time, 1-50.")}
            {number("maxUnavailable", "Max unavailable", "Old instances that may be down during a batch, 0-50.")}
          </>
        )}
        {values.type === "blue-green" && number("graceMinutes", "Grace period (minutes)", "How long the old set is kept for an instant rollback, 0-1440.")}
        {values.type === "canary" && (
          <>
            <Field id="canaryBy" label="Canary size in">
              {(describedBy) => (
                <select id="canaryBy" className="input" value={values.canaryBy} onChange={(e) => set({ canaryBy: e.target.value as StrategyValues["canaryBy"] })} aria-describedby={describedBy}>
                  <option value="count">Instances</option>
                  <option value="percent">Percent of the group</option>
                </select>
              )}
            </Field>
            {values.canaryBy === "count" ? number("canary", "Canary instances", "1-50 instances first.", "count") : number("canary", "Canary percent", "1-99 % of the group first.", "percent")}
            {number("bakeSeconds", "Bake time (seconds)", "How long the canary runs before the rest, 0-86400.")}
          </>
        )}
      </div>
    </fieldset>
  );
}
