import { route } from "@/app/_server/route";
import { web } from "@/app/_server/runtime";
import { getRequestDefaults, requestDefaultsQuerySchema } from "@/lib/environments/request-defaults";

export const dynamic = "force-dynamic";

/**
 * What the request form opens with for the caller: `?again=<environment id>` (its version and
 * parameters, a free name), else `?preset=<name>`, else the caller's own last values that still
 * fit, else nothing (the schema's defaults); `origin` says which. `?version=n` picks a version.
 */
export const GET = route({ query: requestDefaultsQuerySchema }, async ({ caller, params, query }) => {
  const { defaults } = await getRequestDefaults(web().db, caller, { template: params.id!, ...query });
  return defaults;
});
