import { route } from "@/app/_server/route";
import { web } from "@/app/_server/runtime";
import { getPipeline } from "@/lib/pipelines/get-pipeline";
import { setPipeline } from "@/lib/pipelines/set-pipeline";
import { setPipelineSchema } from "@/lib/pipelines/schemas";

export const dynamic = "force-dynamic";

/** The service's stages in order, each with its environment, live release and pending confirmation. */
export const GET = route({}, ({ caller, params }) => getPipeline(web().db, caller, params.id!));

/** Replaces the stages (developer or above); answers with the pipeline as it now is. */
export const PUT = route({ body: setPipelineSchema }, async ({ caller, params, body, context }) => {
  await setPipeline(web().db, caller, { ...body, service: params.id!, context });
  return getPipeline(web().db, caller, params.id!);
});
