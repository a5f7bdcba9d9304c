import Link from "next/link";
import type { ServiceView } from "@/lib/services/service-view";
import { RelativeTime } from "../ui/relative-time";
import { Section } from "../ui/section";
import { healthCheckSummary, strategySummary } from "./strategy-summary";

/** What a service is: where it runs, its health gate and default strategy, who made it. */
export function ServiceDetails({ service }: { service: ServiceView }) {
  const rows: [string, React.ReactNode][] = [
    ["Team", service.team.name],
    [
      "Runs on",
      <>
        Group <span className="font-mono">{service.instanceGroup}</span> of{" "}
        <Link href={`/templates/${service.template.slug}`} className="text-indigo-700 hover:underline">
          {service.template.name}
        </Link>
      </>,
    ],
    [
      "Repository",
      service.repositoryUrl ? <span className="font-mono text-xs break-all">{service.repositoryUrl}</span> : <span className="text-slate-400">—</span>,
    ],
    ["Health check", healthCheckSummary(service.healthCheck)],
    ["Default strategy", strategySummary(service.defaultStrategy)],
    [
      "Created",
      <>
        <RelativeTime date={service.createdAt} />
        {service.createdBy && <> by {service.createdBy.name}</>}
      </>,
    ],
  ];
  return (
    <Section title="Details" id="service-details">
      <dl className="divide-y divide-slate-100 text-sm">
        {rows.map(([label, value]) => (
          <div key={label} className="grid grid-cols-3 gap-4 px-4 py-2.5">
            <dt className="text-slate-500">{label}</dt>
            <dd className="col-span-2 text-slate-900">{value}</dd>
          </div>
        ))}
      </dl>
    </Section>
  );
}
