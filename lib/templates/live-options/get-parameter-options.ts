// GET /api/v1/templates/:id/options: the live options of one parameter for the request form,
// for the template version, cloud account and region the form has chosen, narrowed by the
// answers of the parameters it depends on. Only callers who may use the template (the request's
// own rule: template-access.ts) see anything; any other template is simply not found.
import type { ProviderRegistry } from "../../cloud-accounts/provider-registry";
import { callerTeamIds } from "../../cloud-accounts/account-access";
import { usableAccountChoice } from "../../cloud-accounts/account-choice-sql";
import type { Db } from "../../db/client";
import { Prisma } from "../../db/generated/client";
import { sqlRows } from "../../db/sql";
import { invalidField, NotFound } from "../../errors";
import type { Caller } from "../../identity/caller";
import { usableTemplateSql } from "../template-access";
import { liveParameter, liveParameters } from "./live-parameter-spec";
import type { OptionCache } from "./option-cache";
import { resolveLiveOptions } from "./resolve-live-options";
import type { LiveOption } from "./shape-options";

export type ParameterOptionsInput = {
  template: string;
  parameter: string;
  templateVersion?: number | undefined;
  cloudAccount?: string | undefined;
  region?: string | undefined;
  /** Answers so far, by parameter name; only those the parameter depends on are read. */
  values: Record<string, string>;
};

export type ParameterOptions = { options: LiveOption[]; cachedAt: string };

type Target = {
  slug: string;
  spec: { parameters: Record<string, unknown> } | null;
  account: { id: string; name: string; regions: string[]; defaultRegion: string } | null;
};

export async function getParameterOptions(
  db: Db,
  caller: Caller,
  deps: { providers: ProviderRegistry; optionCache?: OptionCache },
  input: ParameterOptionsInput,
): Promise<ParameterOptions> {
  const version = input.templateVersion ?? null;
  const account = input.cloudAccount ?? null;
  const [target] = await sqlRows<Target>(db, Prisma.sql`
    WITH t AS (
      SELECT tp."id", tp."slug" FROM "Template" tp
      WHERE (tp."id" = ${input.template} OR tp."slug" = ${input.template}) AND ${usableTemplateSql(caller, "tp")}
      ORDER BY (tp."slug" = ${input.template}) LIMIT 1)
    SELECT t."slug",
      (SELECT v."spec" FROM "TemplateVersion" v WHERE v."templateId" = t."id"
        AND (v."version" = ${version}::int OR (${version}::int IS NULL AND v."deprecatedAt" IS NULL))
        ORDER BY v."version" DESC LIMIT 1) AS spec,
      (SELECT row_to_json(a) FROM (${usableAccountChoice(account, callerTeamIds(caller))}) a) AS account
    FROM t`);
  if (!target) throw new NotFound(`template: Template ${input.template} not found`, [{ path: "template", message: `Template ${input.template} not found` }]);
  if (!target.spec) {
    const message = version ? `Template ${target.slug} has no version ${version}` : `Template ${target.slug} has no version that can be requested`;
    throw new NotFound(`templateVersion: ${message}`, [{ path: "templateVersion", message }]);
  }
  const schema = target.spec.parameters;
  const parameter = liveParameter(schema, input.parameter);
  if (!parameter) {
    const live = liveParameters(schema).map((p) => p.name).sort();
    throw invalidField("parameter", `${target.slug} has no parameter ${input.parameter} with live options${live.length > 0 ? ` (it has ${live.join(", ")})` : ""}`);
  }
  if (!target.account) {
    throw account ? new NotFound(`cloudAccount: ${account} not found`, [{ path: "cloudAccount", message: "not found" }]) : invalidField("cloudAccount", "no default cloud account your teams may use; choose one");
  }
  const region = input.region ?? target.account.defaultRegion;
  if (!target.account.regions.includes(region)) throw invalidField("region", `must be one of ${target.account.regions.join(", ")} for cloud account ${target.account.name}`);

  const provider = await deps.providers.providerFor(target.account.id, region);
  const context = { provider, account: target.account.id, ...(deps.optionCache ? { cache: deps.optionCache } : {}) };
  const { options, cachedAt } = await resolveLiveOptions(context, schema, parameter, input.values);
  return { options, cachedAt: cachedAt.toISOString() };
}
