// A request (and its preview) is checked against the same live options the form offered: a
// value the cloud no longer offers (a deleted subnet, a type the zone dropped, a subnet of
// another VPC) is a 400 at parameters.<name> with a sentence saying why, before anything is
// written. Only parameters with a source are asked about, all at once.
import type { ProviderRegistry } from "../../cloud-accounts/provider-registry";
import { Invalid, type FieldIssue } from "../../errors";
import { liveParameters } from "./live-parameter-spec";
import type { OptionCache } from "./option-cache";
import { notOfferedMessage, resolveLiveOptions, type LiveOptionsContext } from "./resolve-live-options";

export type LiveCheckDeps = { providers?: ProviderRegistry; optionCache?: OptionCache };

export async function checkLiveValues(context: LiveOptionsContext, schema: Record<string, unknown>, values: Record<string, unknown>): Promise<FieldIssue[]> {
  const checks = liveParameters(schema).map(async (parameter): Promise<FieldIssue[]> => {
    const value = values[parameter.name];
    if (typeof value !== "string" || value === "") return [];
    const { options, narrowedBy } = await resolveLiveOptions(context, schema, parameter, values);
    if (options.some((option) => option.value === value)) return [];
    return [{ path: `parameters.${parameter.name}`, message: notOfferedMessage(parameter, value, narrowedBy, context.provider.region) }];
  });
  // The stored schema does not keep the authored order: sorted, the answer is the same every time.
  return (await Promise.all(checks)).flat().sort((a, b) => a.path.localeCompare(b.path));
}

/** Throws a 400 with every live value that is not offered; a template without live parameters costs nothing. */
export async function assertLiveValues(
  deps: LiveCheckDeps,
  target: { schema: Record<string, unknown>; values: Record<string, unknown>; account: string; region: string },
): Promise<void> {
  if (liveParameters(target.schema).length === 0) return;
  // Without the cloud the values cannot be checked, and an unchecked request must not pass.
  if (!deps.providers) throw new Error("this template has live options: checking a request needs the provider registry");
  const provider = await deps.providers.providerFor(target.account, target.region);
  const context = { provider, account: target.account, ...(deps.optionCache ? { cache: deps.optionCache } : {}) };
  const issues = await checkLiveValues(context, target.schema, target.values);
  if (issues.length > 0) throw new Invalid(`Invalid parameters: ${issues.map((i) => `${i.path} ${i.message}`).join("; ")}`, issues);
}
