import { NextResponse } from "next/server";
import { route } from "@/app/_server/route";
import { enqueueNow, wakeRuns, web } from "@/app/_server/runtime";
import { destroyEnvironment } from "@/lib/environments/destroy-environment";
import { getEnvironment } from "@/lib/environments/get-environment";
import { environmentRun, environmentView } from "@/lib/environments/api-schemas";
import { idParams } from "@/lib/api-contract/common-schemas";

export const dynamic = "force-dynamic";

export const GET = route({ summary: "One environment: state, runs with steps, instances, outputs", params: idParams, response: environmentView }, ({ caller, params }) => getEnvironment(web().db, caller, params.id));

export const DELETE = route(
  { summary: "Destroy the environment: 202 with the destroy run (its instances are terminated and confirmed)", params: idParams, response: environmentRun, status: 202 },
  async ({ caller, params, context }) => {
  const destroy = await destroyEnvironment(web().db, caller, { environmentId: params.id, context });
  await enqueueNow(destroy.outbox);
  await wakeRuns(destroy.canceledRunIds);
  return NextResponse.json({ id: destroy.environmentId, runId: destroy.runId }, { status: 202 });
});
