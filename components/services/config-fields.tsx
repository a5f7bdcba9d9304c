"use client";
import { Button } from "../ui/button";
import type { ConfigRow } from "./form-values";

/** Key/value rows for a release's non-secret config; errors come at config.<key> (or config). */
export function ConfigFields({ rows, onChange, errors }: { rows: ConfigRow[]; onChange: (rows: ConfigRow[]) => void; errors: Record<string, string> }) {
  const update = (id: number, patch: Partial<ConfigRow>) => onChange(rows.map((row) => (row.id === id ? { ...row, ...patch } : row)));
  const add = () => onChange([...rows, { id: Math.max(0, ...rows.map((row) => row.id)) + 1, key: "", value: "" }]);
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-slate-800">Config</legend>
      <p className="text-xs text-slate-500">Non-secret values for the instances; everyone who can read the service sees them. Secret-looking keys and values are refused.</p>
      {errors.config && <p className="text-sm text-red-600">Config {errors.config}</p>}
      {rows.map((row, index) => {
        const error = errors[`config.${row.key.trim()}`];
        const errorId = error ? `config-${row.id}-error` : undefined;
        return (
          <div key={row.id}>
            <div className="flex items-center gap-2">
              <label htmlFor={`config-${row.id}-key`} className="sr-only">
                Config key {index + 1}
              </label>
              <input
                id={`config-${row.id}-key`}
                className="input font-mono"
                placeholder="KEY"
                value={row.key}
                onChange={(e) => update(row.id, { key: e.target.value })}
                aria-invalid={Boolean(error)}
                aria-describedby={errorId}
              />
              <label htmlFor={`config-${row.id}-value`} className="sr-only">
                Config value {index + 1}
              </label>
              <input id={`config-${row.id}-value`} className="input font-mono" placeholder="value" value={row.value} onChange={(e) => update(row.id, { value: e.target.value })} aria-describedby={errorId} />
              <Button size="sm" onClick={() => onChange(rows.filter((other) => other.id !== row.id))} aria-label={`Remove config ${row.key || index + 1}`}>
                Remove
              </Button>
            </div>
            {error && (
              <p id={errorId} className="mt-1 text-sm text-red-600">
                {row.key.trim()} {error}
              </p>
            )}
          </div>
        );
      })}
      <Button size="sm" onClick={add}>
        Add config value
      </Button>
    </fieldset>
  );
}
