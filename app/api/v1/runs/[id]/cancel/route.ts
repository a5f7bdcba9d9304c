import { NextResponse } from "next/server";
import { route } from "@/app/_server/route";
import { wakeRuns, web } from "@/app/_server/runtime";
import { cancelRun } from "@/lib/runs/cancel-run";
import { canceledRun } from "@/lib/runs/api-schemas";
import { idParams } from "@/lib/api-contract/common-schemas";

export const dynamic = "force-dynamic";

export const POST = route(
  { summary: "Cancel a run: 200 when a queued run ended at once, 202 while a running one heads for its next step boundary", params: idParams, response: canceledRun, status: [200, 202] },
  async ({ caller, params, context }) => {
  const result = await cancelRun(web().db, caller, { runId: params.id, context });
  // A parked run notices at once instead of at its next scheduled look.
  if (result.state === "canceling") await wakeRuns([result.runId]);
  return NextResponse.json({ id: result.runId, environmentId: result.environmentId, state: result.state }, { status: result.state === "canceled" ? 200 : 202 });
});
