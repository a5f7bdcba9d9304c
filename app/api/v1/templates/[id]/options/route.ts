import { route } from "@/app/_server/route";
import { web } from "@/app/_server/runtime";
import { getParameterOptions } from "@/lib/templates/live-options/get-parameter-options";
import { parameterOptionsQuerySchema, parameterOptionsResponseSchema } from "@/lib/templates/live-options/schemas";
import { idParams } from "@/lib/api-contract/common-schemas";

export const dynamic = "force-dynamic";

export const GET = route(
  {
    summary: "Live options of one parameter from the cloud account, for the request form",
    description:
      "`?parameter=<name>` plus the answers it depends on (`&vpc=vpc-0abc&zone=us-east-1b`), optionally `templateVersion`, `cloudAccount` and `region`. Cached for a minute; a request is checked against the same options.",
    params: idParams,
    query: parameterOptionsQuerySchema,
    response: parameterOptionsResponseSchema,
  },
  async ({ caller, params, query }) => {
  const { parameter, templateVersion, cloudAccount, region, ...values } = query;
  const { db, providers } = web();
  const answer = await getParameterOptions(db, caller, { providers }, { template: params.id, parameter, templateVersion, cloudAccount, region, values });
  return parameterOptionsResponseSchema.parse(answer);
});
