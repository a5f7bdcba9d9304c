import { NextResponse } from "next/server";
import { route } from "@/app/_server/route";
import { enqueueNow, web } from "@/app/_server/runtime";
import { rollbackDeployment } from "@/lib/deployments/rollback-deployment";
import { rollbackSchema } from "@/lib/deployments/schemas";
import { deploymentQueued } from "@/lib/deployments/api-schemas";
import { idParams } from "@/lib/api-contract/common-schemas";

export const dynamic = "force-dynamic";

export const POST = route(
  { summary: "Roll back: deploy the release live before this deployment, as a deployment of its own", params: idParams, body: rollbackSchema, response: deploymentQueued, status: 202 },
  async ({ caller, params, context }) => {
  const queued = await rollbackDeployment(web().db, caller, { deploymentId: params.id, context });
  if (queued.outbox) await enqueueNow(queued.outbox);
  return NextResponse.json({ id: queued.deploymentId, runId: queued.runId, state: queued.runId ? "queued" : "awaiting_confirmation" }, { status: 202, headers: { location: `/api/v1/deployments/${queued.deploymentId}` } });
});
