import { NextResponse } from "next/server";
import { route } from "@/app/_server/route";
import { enqueueNow, web } from "@/app/_server/runtime";
import { promoteDeployment } from "@/lib/pipelines/promote";
import { promoteDeploymentSchema } from "@/lib/pipelines/schemas";
import { promotionQueued } from "@/lib/deployments/api-schemas";
import { idParams } from "@/lib/api-contract/common-schemas";

export const dynamic = "force-dynamic";

export const POST = route(
  { summary: "Promote: deploy this succeeded deployment's release to the pipeline's next stage", params: idParams, body: promoteDeploymentSchema, response: promotionQueued, status: 202 },
  async ({ caller, params, context }) => {
  const { outbox, ...promoted } = await promoteDeployment(web().db, caller, { deploymentId: params.id, context });
  if (outbox) await enqueueNow(outbox);
  return NextResponse.json(promoted, { status: 202, headers: { location: `/api/v1/deployments/${promoted.id}` } });
});
