"use client";
// One stage in the Edit pipeline form: name, environment, confirmation, and moving it.
import { Button } from "../ui/button";
import { Field } from "../ui/field";

export type EnvironmentChoice = { id: string; name: string; state: string };
export type StageDraft = { key: number; name: string; environment: string; environmentName: string; requiresConfirmation: boolean };

export function StageRow({ row, index, count, options, errors, onChange, onMove, onRemove }: {
  row: StageDraft;
  index: number;
  count: number;
  options: EnvironmentChoice[];
  errors: Record<string, string>;
  onChange: (change: Partial<StageDraft>) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}) {
  const n = index + 1;
  const id = (field: string) => `stage-${row.key}-${field}`;
  const error = (field: string) => errors[`stages.${index}.${field}`];
  return (
    <li className="rounded-md border border-slate-200 p-3">
      <div className="grid gap-3 sm:grid-cols-[1fr_1.4fr]">
        <Field id={id("name")} label={`Stage ${n} name`} error={error("name")}>
          {(describedBy) => (
            <input
              id={id("name")}
              className="input font-mono"
              autoComplete="off"
              value={row.name}
              onChange={(e) => onChange({ name: e.target.value })}
              aria-describedby={describedBy}
              aria-invalid={Boolean(error("name"))}
            />
          )}
        </Field>
        <Field id={id("environment")} label={`Stage ${n} environment`} error={error("environment")}>
          {(describedBy) => (
            <select
              id={id("environment")}
              className="input"
              value={row.environment}
              onChange={(e) => onChange({ environment: e.target.value, environmentName: options.find((o) => o.id === e.target.value)?.name ?? "" })}
              aria-describedby={describedBy}
              aria-invalid={Boolean(error("environment"))}
            >
              <option value="">Choose an environment</option>
              {options.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name} ({o.state})
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <Field id={id("confirm")} label={`Stage ${n}: a team admin confirms each deploy`} inline error={error("requiresConfirmation")}>
          {(describedBy) => (
            <input id={id("confirm")} type="checkbox" checked={row.requiresConfirmation} onChange={(e) => onChange({ requiresConfirmation: e.target.checked })} aria-describedby={describedBy} />
          )}
        </Field>
        <span className="flex-1" />
        <Button size="sm" variant="ghost" disabled={index === 0} onClick={() => onMove(-1)} aria-label={`Move stage ${n} up`}>
          ↑
        </Button>
        <Button size="sm" variant="ghost" disabled={index === count - 1} onClick={() => onMove(1)} aria-label={`Move stage ${n} down`}>
          ↓
        </Button>
        <Button size="sm" variant="ghost" onClick={onRemove} aria-label={`Remove stage ${n}`}>
          Remove
        </Button>
      </div>
    </li>
  );
}
