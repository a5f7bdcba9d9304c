import Link from "next/link";
import type { ServiceView } from "@/lib/services/service-view";
import { RelativeTime } from "../ui/relative-time";
import { strategySummary } from "./strategy-summary";

export function ServicesTable({ items }: { items: ServiceView[] }) {
  return (
    <div className="relative overflow-x-auto">
      <table className="table-base">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Team</th>
            <th scope="col">Runs on</th>
            <th scope="col">Default strategy</th>
            <th scope="col">Latest release</th>
            <th scope="col">Created</th>
          </tr>
        </thead>
        <tbody>
          {items.map((service) => (
            <tr key={service.id} className="hover:bg-slate-50/60">
              <td className="whitespace-nowrap">
                <Link href={`/services/${service.id}`} className="font-medium text-slate-900 hover:text-indigo-600 hover:underline">
                  {service.name}
                </Link>
                {service.description && <p className="max-w-md truncate text-xs text-slate-500">{service.description}</p>}
              </td>
              <td className="text-slate-700">{service.team.name}</td>
              <td className="whitespace-nowrap text-slate-700">
                <Link href={`/templates/${service.template.slug}`} className="hover:underline">
                  {service.template.name}
                </Link>
                <span className="text-slate-400"> · </span>
                <span className="font-mono text-xs">{service.instanceGroup}</span>
              </td>
              <td className="text-slate-700">{strategySummary(service.defaultStrategy)}</td>
              <td className="whitespace-nowrap text-slate-700">
                {service.latestRelease ? (
                  <>
                    <span className="font-mono">{service.latestRelease.version}</span>{" "}
                    <span className="text-xs text-slate-500">
                      (<RelativeTime date={service.latestRelease.createdAt} />, {service.releaseCount} in all)
                    </span>
                  </>
                ) : (
                  <span className="text-slate-400">none yet</span>
                )}
              </td>
              <td className="whitespace-nowrap text-slate-600">
                <RelativeTime date={service.createdAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
