import { NextResponse } from "next/server";
import { route } from "@/app/_server/route";
import { enqueueNow, wakeRuns, web } from "@/app/_server/runtime";
import { destroyEnvironment } from "@/lib/environments/destroy-environment";
import { getEnvironment } from "@/lib/environments/get-environment";

export const dynamic = "force-dynamic";

export const GET = route({}, ({ caller, params }) => getEnvironment(web().db, caller, params.id!));

/** DELETE = destroy (asynchronous: 202 with the destroy run). */
export const DELETE = route({}, async ({ caller, params, context }) => {
  const destroy = await destroyEnvironment(web().db, caller, { environmentId: params.id!, context });
  await enqueueNow(destroy.outbox);
  await wakeRuns(destroy.canceledRunIds);
  return NextResponse.json({ id: destroy.environmentId, runId: destroy.runId }, { status: 202 });
});
