import Link from "next/link";
import type { TemplateVersionSummary } from "@/lib/templates/list-templates";
import { RelativeTime } from "../ui/relative-time";
import { DeprecateVersionButton } from "./template-actions";

/** Every version, newest first: who published it when, its note, and how many live environments run it. */
export function VersionsTable({ slug, versions, current, canManage }: { slug: string; versions: TemplateVersionSummary[]; current: number; canManage: boolean }) {
  const base = `/templates/${encodeURIComponent(slug)}`;
  return (
    <div className="overflow-x-auto">
      <table className="table-base">
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Published</th>
            <th scope="col">By</th>
            <th scope="col">Change note</th>
            <th scope="col" className="text-right">Live environments</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {versions.map((v, index) => {
            const previous = versions[index + 1];
            return (
              <tr key={v.version} aria-current={v.version === current ? "true" : undefined} className={v.version === current ? "bg-indigo-50/50" : undefined}>
                <td className="whitespace-nowrap">
                  <Link href={`${base}?version=${v.version}`} className="font-mono font-medium text-slate-900 hover:underline">
                    v{v.version}
                  </Link>
                  {v.deprecatedAt && <span className="ml-2 rounded bg-amber-50 px-1.5 text-xs text-amber-800">deprecated</span>}
                  {index === 0 && <span className="ml-2 rounded bg-emerald-50 px-1.5 text-xs text-emerald-800">latest</span>}
                </td>
                <td className="whitespace-nowrap text-slate-600">
                  <RelativeTime date={v.createdAt} />
                </td>
                <td className="text-slate-700">{v.createdBy ?? <span className="text-slate-400">system</span>}</td>
                <td className="max-w-md text-slate-700">{v.changeNote ?? <span className="text-slate-400">—</span>}</td>
                <td className="text-right tabular-nums text-slate-700">
                  {v.environments > 0 ? (
                    <Link href={`/environments?template=${encodeURIComponent(slug)}&version=${v.version}`} className="hover:underline" aria-label={`${v.environments} live environments on v${v.version}`}>
                      {v.environments}
                    </Link>
                  ) : (
                    0
                  )}
                </td>
                <td className="text-right whitespace-nowrap">
                  <span className="flex items-center justify-end gap-2">
                    {previous && (
                      <Link href={`${base}/diff?from=${previous.version}&to=${v.version}`} className="text-xs font-medium text-indigo-700 hover:underline">
                        Changes from v{previous.version}
                      </Link>
                    )}
                    {canManage && <DeprecateVersionButton slug={slug} version={v.version} deprecated={v.deprecatedAt !== null} />}
                  </span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
