import type { EnvironmentJson } from "./types";

function text(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** The parameter values the environment was requested (or last updated) with; secrets stay hidden. */
export function ParametersList({ environment }: { environment: EnvironmentJson }) {
  const entries = Object.entries(environment.parameters);
  if (entries.length === 0) return <p className="px-4 py-4 text-sm text-slate-500">Version {environment.template.version} of this template takes no parameters.</p>;
  return (
    <dl className="divide-y divide-slate-100 text-sm" data-testid="environment-parameters">
      {entries.map(([name, value]) => (
        <div key={name} className="flex justify-between gap-4 px-4 py-2">
          <dt className="font-mono text-slate-600">{name}</dt>
          <dd className="truncate font-mono text-slate-900" title={text(value)}>
            {text(value)}
          </dd>
        </div>
      ))}
    </dl>
  );
}
