import Link from "next/link";
import type { DeploymentSummary } from "@/lib/deployments/deployment-summary";
import { Section } from "../ui/section";
import { DeploymentsTable } from "./deployments-table";

/** The newest few deployments of a service or an environment, with a link to all of them in the history. */
export function RecentDeployments({ items, allHref, allLabel, hide, empty, id = "deployments" }: {
  items: DeploymentSummary[];
  allHref: string;
  allLabel: string;
  hide: ("service" | "environment")[];
  empty: string;
  id?: string;
}) {
  return (
    <Section
      title="Deployments"
      id={id}
      actions={
        <Link href={allHref} className="text-sm font-medium text-indigo-700 hover:underline">
          {allLabel}
        </Link>
      }
    >
      {items.length > 0 ? <DeploymentsTable items={items} hide={hide} /> : <p className="px-4 py-6 text-sm text-slate-500">{empty}</p>}
    </Section>
  );
}
