import type { Metadata } from "next";
import { orNotFound } from "@/app/_ui/page-errors";
import { cache } from "react";
import { web } from "@/app/_server/runtime";
import { requireSignedIn } from "@/app/_ui/session";
import { specKeyOrder } from "@/app/_ui/spec-key-order";
import { RecentDeployments } from "@/components/deployments/recent-deployments";
import { EnvironmentView } from "@/components/environments/environment-view";
import { toJson } from "@/components/jsonify";
import { listDeployments } from "@/lib/deployments/list-deployments";
import { getEnvironment } from "@/lib/environments/get-environment";
import { getTemplate } from "@/lib/templates/list-templates";
import { getEnvironmentLogs } from "@/lib/runs/get-run-logs";

type Params = Promise<{ id: string }>;

// One load per request: generateMetadata and the page share it.
const load = cache(async function load(id: string) {
  const caller = await requireSignedIn(`/environments/${id}`);
  const { db } = web();
  return { caller, environment: await orNotFound(getEnvironment(db, caller, id)) };
});

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { id } = await params;
  const { environment } = await load(id);
  return { title: environment.name };
}

export default async function EnvironmentPage({ params }: { params: Params }) {
  const { id } = await params;
  const { caller, environment } = await load(id);
  const { db } = web();
  const [logs, template, deployments] = await Promise.all([
    // The newest lines: a settled environment's page opens no stream, so its last lines (the
    // destroy or the failure) must be in what the page loads.
    getEnvironmentLogs(db, caller, { environmentId: environment.id, limit: 2000, tail: true }),
    getTemplate(db, caller, environment.template.id, environment.template.version).catch(() => null),
    listDeployments(db, caller, { environment: environment.id, limit: 5 }),
  ]);
  const outputOrder = template ? specKeyOrder(template.version.source).outputs : [];
  return (
    <>
      <EnvironmentView key={environment.id} initial={toJson(environment)} initialLogs={toJson(logs)} outputOrder={outputOrder} />
      {(deployments.items.length > 0 || environment.state !== "destroyed") && (
        <div className="mt-6">
          <RecentDeployments
            items={deployments.items}
            hide={["environment"]}
            allHref={`/deployments?environment=${encodeURIComponent(environment.id)}`}
            allLabel="All deployments here"
            empty="No service has been deployed here yet. Deploy a release from its service’s page."
          />
        </div>
      )}
    </>
  );
}
