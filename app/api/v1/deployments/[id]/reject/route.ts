import { route } from "@/app/_server/route";
import { web } from "@/app/_server/runtime";
import { rejectDeployment } from "@/lib/pipelines/confirm-deployment";
import { rejectSchema } from "@/lib/pipelines/schemas";
import { deploymentQueued } from "@/lib/deployments/api-schemas";
import { idParams } from "@/lib/api-contract/common-schemas";

export const dynamic = "force-dynamic";

export const POST = route(
  { summary: "Reject a deployment awaiting confirmation (team admins): it is canceled with the reason", params: idParams, body: rejectSchema, response: deploymentQueued },
  ({ caller, params, body, context }) =>
  rejectDeployment(web().db, caller, { deploymentId: params.id, reason: body.reason, context }),
);
