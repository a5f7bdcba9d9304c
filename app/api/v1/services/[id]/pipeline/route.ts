import { route } from "@/app/_server/route";
import { web } from "@/app/_server/runtime";
import { getPipeline } from "@/lib/pipelines/get-pipeline";
import { setPipeline } from "@/lib/pipelines/set-pipeline";
import { setPipelineSchema } from "@/lib/pipelines/schemas";
import { pipelineView } from "@/lib/pipelines/api-schemas";
import { idParams } from "@/lib/api-contract/common-schemas";

export const dynamic = "force-dynamic";

export const GET = route({ summary: "The service's stages in order, each with its environment, live release and pending confirmation", params: idParams, response: pipelineView }, ({ caller, params }) => getPipeline(web().db, caller, params.id));

export const PUT = route({ summary: "Replace the stages (developer or above); answers with the pipeline as it now is", params: idParams, body: setPipelineSchema, response: pipelineView }, async ({ caller, params, body, context }) => {
  await setPipeline(web().db, caller, { ...body, service: params.id, context });
  return getPipeline(web().db, caller, params.id);
});
