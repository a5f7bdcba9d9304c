import { route } from "@/app/_server/route";
import { web } from "@/app/_server/runtime";
import { getParameterOptions } from "@/lib/templates/live-options/get-parameter-options";
import { parameterOptionsQuerySchema, parameterOptionsResponseSchema } from "@/lib/templates/live-options/schemas";

export const dynamic = "force-dynamic";

/**
 * Live options of one parameter for the request form: `?parameter=<name>` plus the answers it
 * depends on (`&vpc=vpc-0abc&zone=us-east-1b`), optionally `templateVersion`, `cloudAccount` and
 * `region`. Answers `{options: [{value, label, detail}], cachedAt}`; the request is checked
 * against the same options.
 */
export const GET = route({ query: parameterOptionsQuerySchema }, async ({ caller, params, query }) => {
  const { parameter, templateVersion, cloudAccount, region, ...values } = query;
  const { db, providers } = web();
  const answer = await getParameterOptions(db, caller, { providers }, { template: params.id!, parameter, templateVersion, cloudAccount, region, values });
  return parameterOptionsResponseSchema.parse(answer);
});
