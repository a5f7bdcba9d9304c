import { NextResponse } from "next/server";
import { route } from "@/app/_server/route";
import { enqueueNow, web } from "@/app/_server/runtime";
import { requestDeployment } from "@/lib/deployments/request-deployment";
import { requestDeploymentSchema } from "@/lib/deployments/schemas";
import { deploymentQueued } from "@/lib/deployments/api-schemas";
import { idParams } from "@/lib/api-contract/common-schemas";

export const dynamic = "force-dynamic";

export const POST = route(
  {
    summary: "Deploy a release of the service to an environment",
    description: "202 with the deployment and its run, queued behind the environment's other runs (`awaiting_confirmation` and no run on a stage that needs a team admin's confirmation).",
    params: idParams,
    body: requestDeploymentSchema,
    response: deploymentQueued,
    status: 202,
  },
  async ({ caller, params, body, context }) => {
  const queued = await requestDeployment(web().db, caller, { ...body, service: params.id, context });
  if (queued.outbox) await enqueueNow(queued.outbox);
  return NextResponse.json({ id: queued.deploymentId, runId: queued.runId, state: queued.runId ? "queued" : "awaiting_confirmation" }, { status: 202, headers: { location: `/api/v1/deployments/${queued.deploymentId}` } });
});
