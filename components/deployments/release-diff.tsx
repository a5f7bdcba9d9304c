import { formatExact } from "../format";
import type { DeploymentJson } from "./types";

function ConfigRows({ diff }: { diff: DeploymentJson["diff"]["config"] }) {
  const rows = [
    ...Object.entries(diff.added).map(([key, value]) => ({ key, sign: "+", text: value, tone: "bg-emerald-50 text-emerald-800" })),
    ...Object.entries(diff.changed).flatMap(([key, change]) => [
      { key, sign: "−", text: change.from, tone: "bg-red-50 text-red-800" },
      { key, sign: "+", text: change.to, tone: "bg-emerald-50 text-emerald-800" },
    ]),
    ...Object.entries(diff.removed).map(([key, value]) => ({ key, sign: "−", text: value, tone: "bg-red-50 text-red-800" })),
  ];
  if (rows.length === 0) return <p className="text-sm text-slate-500">No config changes{diff.unchanged > 0 ? ` (${diff.unchanged} value${diff.unchanged === 1 ? "" : "s"} the same)` : ""}.</p>;
  return (
    <>
      <ul aria-label="Config changes" className="overflow-hidden rounded-md border border-slate-200 font-mono text-xs">
        {rows.map((row, index) => (
          <li key={`${row.key}-${index}`} className={`flex gap-2 px-3 py-1 ${row.tone}`}>
            <span aria-label={row.sign === "+" ? "added" : "removed"}>{row.sign}</span>
            <span className="break-all">
              {row.key}={row.text}
            </span>
          </li>
        ))}
      </ul>
      {diff.unchanged > 0 && <p className="mt-1 text-xs text-slate-500">{diff.unchanged} other value{diff.unchanged === 1 ? "" : "s"} unchanged.</p>}
    </>
  );
}

/** What this deployment changes against the release it replaced: version, artifact, config and changelogs. */
export function ReleaseDiff({ diff }: { diff: DeploymentJson["diff"] }) {
  const { changelog } = diff;
  return (
    <div className="space-y-4 p-4 text-sm">
      <dl className="grid grid-cols-[8rem_1fr] gap-x-4 gap-y-2">
        <dt className="text-slate-500">Version</dt>
        <dd className="font-mono">
          {diff.version.from ? <span className="text-slate-500">{diff.version.from} → </span> : <span className="text-slate-500">first deployment → </span>}
          <span className="font-medium text-slate-900">{diff.version.to}</span>
        </dd>
        <dt className="text-slate-500">Artifact</dt>
        <dd className="font-mono text-xs break-all">
          {diff.artifact.changed ? (
            <>
              {diff.artifact.from && <div className="text-red-700 line-through decoration-red-300">{diff.artifact.from}</div>}
              <div className="text-emerald-800">{diff.artifact.to}</div>
            </>
          ) : (
            <span className="text-slate-700">{diff.artifact.to} (unchanged)</span>
          )}
        </dd>
      </dl>
      <div>
        <h3 className="mb-1.5 text-xs font-semibold tracking-wide text-slate-500 uppercase">Config</h3>
        <ConfigRows diff={diff.config} />
      </div>
      <div>
        <h3 className="mb-1.5 text-xs font-semibold tracking-wide text-slate-500 uppercase">
          {changelog.direction === "back" ? "Changes this takes away" : changelog.direction === "same" ? "Changelog" : "Changes this brings"}
        </h3>
        {changelog.direction === "same" ? (
          <p className="text-slate-500">The same release as before: a redeploy.</p>
        ) : changelog.entries.length === 0 ? (
          <p className="text-slate-500">No changelog was written for these releases.</p>
        ) : (
          <ol className="space-y-2">
            {changelog.entries.map((entry) => (
              <li key={entry.version}>
                <span className="font-mono text-xs font-medium text-slate-900">{entry.version}</span>
                <time dateTime={entry.createdAt} title={formatExact(new Date(entry.createdAt))} className="ml-2 text-xs text-slate-400" suppressHydrationWarning>
                  {entry.createdAt.slice(0, 10)}
                </time>
                <p className="mt-0.5 whitespace-pre-wrap text-slate-700">{entry.changelog}</p>
              </li>
            ))}
          </ol>
        )}
      </div>
    </div>
  );
}
