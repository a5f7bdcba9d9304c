import Link from "next/link";
import type { EnvironmentSummary } from "@/lib/environments/list-environments";
import { RelativeTime } from "../ui/relative-time";
import { StateBadge } from "../ui/state-badge";

export function EnvironmentsTable({ items }: { items: EnvironmentSummary[] }) {
  return (
    <div className="relative overflow-x-auto">
      <table className="table-base">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">State</th>
            <th scope="col">Template</th>
            <th scope="col">Team</th>
            <th scope="col">Owner</th>
            <th scope="col">Region</th>
            <th scope="col" className="text-right">Instances</th>
            <th scope="col">Expires</th>
            <th scope="col">Created</th>
          </tr>
        </thead>
        <tbody>
          {items.map((env) => (
            <tr key={env.id} className="hover:bg-slate-50/60">
              <td className="font-medium whitespace-nowrap">
                <Link href={`/environments/${env.id}`} className="text-slate-900 hover:text-indigo-600 hover:underline">
                  {env.name}
                </Link>
              </td>
              <td>
                <StateBadge state={env.state} />
              </td>
              <td className="whitespace-nowrap text-slate-700">
                <Link href={`/templates/${env.template.slug}`} className="hover:underline">
                  {env.template.name}
                </Link>
                <span className="text-slate-400">@{env.template.version}</span>
              </td>
              <td className="text-slate-700">{env.team.name}</td>
              <td className="text-slate-700" title={env.owner.email}>
                {env.owner.name}
              </td>
              <td className="font-mono text-xs text-slate-600">{env.region}</td>
              <td className="text-right tabular-nums text-slate-700">{env.instanceCount}</td>
              <td className="whitespace-nowrap text-slate-600">{env.state === "destroyed" ? <span className="text-slate-400">—</span> : <RelativeTime date={env.expiresAt} />}</td>
              <td className="whitespace-nowrap text-slate-600">
                <RelativeTime date={env.createdAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
