import { route } from "@/app/_server/route";
import { enqueueNow, web } from "@/app/_server/runtime";
import { confirmDeployment } from "@/lib/pipelines/confirm-deployment";
import { confirmSchema } from "@/lib/pipelines/schemas";
import { deploymentQueued } from "@/lib/deployments/api-schemas";
import { idParams } from "@/lib/api-contract/common-schemas";

export const dynamic = "force-dynamic";

export const POST = route(
  { summary: "Confirm a deployment awaiting confirmation (team admins): its run is queued", params: idParams, body: confirmSchema, response: deploymentQueued },
  async ({ caller, params, context }) => {
  const { outbox, ...confirmed } = await confirmDeployment(web().db, caller, { deploymentId: params.id, context });
  if (outbox) await enqueueNow(outbox);
  return confirmed;
});
