import { route } from "@/app/_server/route";
import { web } from "@/app/_server/runtime";
import { getRequestDefaults, requestDefaultsQuerySchema } from "@/lib/environments/request-defaults";
import { requestDefaults } from "@/lib/environments/api-schemas";
import { idParams } from "@/lib/api-contract/common-schemas";

export const dynamic = "force-dynamic";

export const GET = route(
  {
    summary: "What the request form opens with for you",
    description:
      "`?again=<environment id>` (its version and parameters, a free name), else `?preset=<name>`, else your own last values that still fit, else nothing (the schema's defaults); `origin` says which. `?version=n` picks a version.",
    params: idParams,
    query: requestDefaultsQuerySchema,
    response: requestDefaults,
  },
  async ({ caller, params, query }) => {
  const { defaults } = await getRequestDefaults(web().db, caller, { template: params.id, ...query });
  return defaults;
});
