import type { ReleaseView } from "@/lib/releases/release-view";
import { RelativeTime } from "../ui/relative-time";

/** A service's releases, newest first; config and changelog open under their version. */
export function ReleasesTable({ items }: { items: ReleaseView[] }) {
  return (
    <div className="relative overflow-x-auto">
      <table className="table-base">
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Artifact</th>
            <th scope="col">Config</th>
            <th scope="col">Commit</th>
            <th scope="col">Created by</th>
            <th scope="col">Created</th>
          </tr>
        </thead>
        <tbody>
          {items.map((release) => {
            const config = Object.entries(release.config);
            return (
              <tr key={release.id} className="align-top hover:bg-slate-50/60">
                <td className="whitespace-nowrap">
                  <span className="font-mono font-medium text-slate-900">{release.version}</span>
                  {release.changelog && (
                    <details className="mt-1 max-w-sm text-xs text-slate-600">
                      <summary className="cursor-pointer text-indigo-700">Changelog</summary>
                      <p className="mt-1 whitespace-pre-wrap">{release.changelog}</p>
                    </details>
                  )}
                </td>
                <td className="max-w-xs">
                  <span className="mr-1.5 rounded bg-slate-100 px-1.5 py-0.5 text-[10px] font-semibold tracking-wide text-slate-600 uppercase">{release.artifact.type}</span>
                  <span className="font-mono text-xs break-all text-slate-700">{release.artifact.reference}</span>
                </td>
                <td>
                  {config.length === 0 ? (
                    <span className="text-slate-400">—</span>
                  ) : (
                    <ul className="space-y-0.5 font-mono text-xs text-slate-700">
                      {config.map(([key, value]) => (
                        <li key={key} className="break-all">
                          {key}={value}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td className="font-mono text-xs text-slate-700">{release.commitSha ? <span title={release.commitSha}>{release.commitSha.slice(0, 12)}</span> : <span className="text-slate-400">—</span>}</td>
                <td className="text-slate-700">{release.createdBy?.name ?? <span className="text-slate-400">deleted user</span>}</td>
                <td className="whitespace-nowrap text-slate-600">
                  <RelativeTime date={release.createdAt} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
