import Link from "next/link";
import type { DeploymentSummary } from "@/lib/deployments/deployment-summary";
import { formatElapsed, humanize } from "../format";
import { RelativeTime } from "../ui/relative-time";
import { StateBadge } from "../ui/state-badge";

/** Deploy history rows: release from → to, where, how, who, when, how long, result. Each row links to its deployment. */
export function DeploymentsTable({ items, hide = [] }: { items: DeploymentSummary[]; hide?: ("service" | "environment")[] }) {
  const show = (column: "service" | "environment") => !hide.includes(column);
  return (
    <div className="relative overflow-x-auto">
      <table className="table-base">
        <thead>
          <tr>
            {show("service") && <th scope="col">Service</th>}
            <th scope="col">Release</th>
            {show("environment") && <th scope="col">Environment</th>}
            <th scope="col">Strategy</th>
            <th scope="col">By</th>
            <th scope="col">When</th>
            <th scope="col" className="text-right">
              Duration
            </th>
            <th scope="col">Result</th>
          </tr>
        </thead>
        <tbody>
          {items.map((row) => (
            <tr key={row.id} className="hover:bg-slate-50/60" data-deployment={row.id}>
              {show("service") && <td className="font-medium whitespace-nowrap text-slate-900">{row.service.name}</td>}
              <td className="whitespace-nowrap">
                <Link href={`/deployments/${row.id}`} className="font-mono text-slate-900 hover:text-indigo-600 hover:underline" aria-label={`Deployment of ${row.service.name} ${row.release.version} to ${row.environment.name}`}>
                  {row.fromRelease && <span className="text-slate-500">{row.fromRelease.version} → </span>}
                  <span className="font-medium">{row.release.version}</span>
                </Link>
                {row.rollbackOf && <span className="ml-2 rounded bg-orange-50 px-1.5 py-0.5 text-[10px] font-semibold tracking-wide text-orange-700 uppercase">rollback</span>}
              </td>
              {show("environment") && <td className="whitespace-nowrap text-slate-700">{row.environment.name}</td>}
              <td className="whitespace-nowrap text-slate-600">{humanize(row.strategy)}</td>
              <td className="text-slate-700" title={row.requestedBy?.email}>
                {row.requestedBy?.name ?? <span className="text-slate-400">{row.source === "webhook" ? "CI" : "Hangar"}</span>}
              </td>
              <td className="whitespace-nowrap text-slate-600">
                <RelativeTime date={row.createdAt} />
              </td>
              <td className="text-right tabular-nums text-slate-600">{row.durationMs !== null ? formatElapsed(row.durationMs) : <span className="text-slate-400">—</span>}</td>
              <td>
                <StateBadge state={row.state} kind="deployment" />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
