import { humanize } from "../format";
import { CopyButton } from "../ui/copy-button";

const URL_PATTERN = /^https?:\/\/\S+$/;

export function OutputsList({ outputs, order, state }: { outputs: Record<string, string>; order: string[]; state: string }) {
  const keys = Object.keys(outputs).sort((a, b) => (order.includes(a) ? order.indexOf(a) : 99) - (order.includes(b) ? order.indexOf(b) : 99));
  const present = keys.filter((key) => outputs[key]);
  if (present.length === 0 || state === "destroyed") {
    return (
      <p className="px-4 py-6 text-sm text-slate-500">
        {state === "destroyed" ? "Outputs are gone with the environment." : state === "failed" ? "No outputs: the environment did not become ready." : "URLs, addresses and commands appear here when the environment is ready."}
      </p>
    );
  }
  return (
    <dl className="divide-y divide-slate-100">
      {present.map((key) => {
        const value = outputs[key]!;
        return (
          <div key={key} className="px-4 py-3">
            <dt className="text-xs font-medium text-slate-500">{humanize(key)}</dt>
            <dd className="mt-1 flex items-center justify-between gap-2">
              {URL_PATTERN.test(value) ? (
                <a href={value} target="_blank" rel="noreferrer noopener" className="min-w-0 truncate font-mono text-sm text-indigo-600 hover:underline">
                  {value}
                </a>
              ) : (
                <code className="min-w-0 truncate font-mono text-sm text-slate-900">{value}</code>
              )}
              <CopyButton value={value} label={humanize(key)} />
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
