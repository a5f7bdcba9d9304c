import { route } from "@/app/_server/route";
import { web } from "@/app/_server/runtime";
import { previewRequest } from "@/lib/environments/preview-request";
import { previewRequestSchema } from "@/lib/environments/schemas";
import { requestPreview } from "@/lib/environments/api-schemas";
import { idParams } from "@/lib/api-contract/common-schemas";

export const dynamic = "force-dynamic";

export const POST = route(
  {
    summary: "Dry run of a request from this template: what would be created and its hourly cost",
    description: "Launches nothing. The same checks as the request: a request this refuses would be refused, with the same paths.",
    params: idParams,
    body: previewRequestSchema,
    response: requestPreview,
  },
  ({ caller, params, body }) => {
  const { db, providers, images } = web();
  return previewRequest(db, caller, { providers, images }, { ...body, template: params.id });
});
