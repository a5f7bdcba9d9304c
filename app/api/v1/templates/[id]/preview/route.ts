import { route } from "@/app/_server/route";
import { web } from "@/app/_server/runtime";
import { previewRequest } from "@/lib/environments/preview-request";
import { previewRequestSchema } from "@/lib/environments/schemas";

export const dynamic = "force-dynamic";

/**
 * Dry run of a request from this template: `{parameters, name?, templateVersion?, ttl?, team?,
 * cloudAccount?, region?}` -> what would be created and its hourly cost; launches nothing. The
 * same checks as the request: a request this refuses would be refused, with the same paths.
 */
export const POST = route({ body: previewRequestSchema }, ({ caller, params, body }) => {
  const { db, providers, images } = web();
  return previewRequest(db, caller, { providers, images }, { ...body, template: params.id! });
});
