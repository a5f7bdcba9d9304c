import { NextResponse } from "next/server";
import { route } from "@/app/_server/route";
import { enqueueNow, web } from "@/app/_server/runtime";
import { promoteDeployment } from "@/lib/pipelines/promote";
import { promoteDeploymentSchema } from "@/lib/pipelines/schemas";

export const dynamic = "force-dynamic";

/** Deploys this succeeded deployment's release to the next stage of the pipeline (202). */
export const POST = route({ body: promoteDeploymentSchema }, async ({ caller, params, context }) => {
  const { outbox, ...promoted } = await promoteDeployment(web().db, caller, { deploymentId: params.id!, context });
  if (outbox) await enqueueNow(outbox);
  return NextResponse.json(promoted, { status: 202, headers: { location: `/api/v1/deployments/${promoted.id}` } });
});
