import type { Metadata } from "next";
import { orNotFound } from "@/app/_ui/page-errors";
import { cache } from "react";
import { web } from "@/app/_server/runtime";
import { requireSignedIn } from "@/app/_ui/session";
import { DeploymentView } from "@/components/deployments/deployment-view";
import { toJson } from "@/components/jsonify";
import { getDeployment } from "@/lib/deployments/get-deployment";
import { getEnvironmentLogs } from "@/lib/runs/get-run-logs";

type Params = Promise<{ id: string }>;

// One load per request: generateMetadata and the page share it.
const load = cache(async function load(id: string) {
  const caller = await requireSignedIn(`/deployments/${id}`);
  return { caller, deployment: await orNotFound(getDeployment(web().db, caller, id)) };
});

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { id } = await params;
  const { deployment } = await load(id);
  return { title: `${deployment.service.name} ${deployment.release.version} → ${deployment.environment.name}` };
}

export default async function DeploymentPage({ params }: { params: Params }) {
  const { id } = await params;
  const { caller, deployment } = await load(id);
  // The run's newest lines: a finished deployment's page opens no stream.
  const logs = deployment.runId
    ? await getEnvironmentLogs(web().db, caller, { environmentId: deployment.environment.id, runId: deployment.runId, limit: 2000, tail: true })
    : [];
  return <DeploymentView key={deployment.id} initial={toJson(deployment)} initialLogs={toJson(logs)} />;
}
