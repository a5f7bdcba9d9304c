import { NextResponse } from "next/server";
import { route } from "@/app/_server/route";
import { requeueRun, web } from "@/app/_server/runtime";
import { retryRun } from "@/lib/runs/retry-run";
import { retriedRun } from "@/lib/runs/api-schemas";
import { idParams } from "@/lib/api-contract/common-schemas";

export const dynamic = "force-dynamic";

export const POST = route({ summary: "Retry a failed or canceled run from the step it stopped at: 202 with that step", params: idParams, response: retriedRun, status: 202 }, async ({ caller, params, context }) => {
  const result = await retryRun(web().db, caller, { runId: params.id, context });
  await requeueRun(result.runId);
  return NextResponse.json({ id: result.runId, environmentId: result.environmentId, fromStep: result.fromStep }, { status: 202 });
});
