import { route } from "@/app/_server/route";
import { enqueueNow, web } from "@/app/_server/runtime";
import { confirmDeployment } from "@/lib/pipelines/confirm-deployment";
import { confirmSchema } from "@/lib/pipelines/schemas";

export const dynamic = "force-dynamic";

/** A team admin confirms a deployment awaiting confirmation: its run is queued. */
export const POST = route({ body: confirmSchema }, async ({ caller, params, context }) => {
  const { outbox, ...confirmed } = await confirmDeployment(web().db, caller, { deploymentId: params.id!, context });
  if (outbox) await enqueueNow(outbox);
  return confirmed;
});
