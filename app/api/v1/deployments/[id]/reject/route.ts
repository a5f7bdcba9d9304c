import { route } from "@/app/_server/route";
import { web } from "@/app/_server/runtime";
import { rejectDeployment } from "@/lib/pipelines/confirm-deployment";
import { rejectSchema } from "@/lib/pipelines/schemas";

export const dynamic = "force-dynamic";

/** A team admin rejects a deployment awaiting confirmation: it is canceled with the reason. */
export const POST = route({ body: rejectSchema }, ({ caller, params, body, context }) =>
  rejectDeployment(web().db, caller, { deploymentId: params.id!, reason: body.reason, context }),
);
