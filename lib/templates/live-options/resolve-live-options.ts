// The options of one live parameter for one cloud account and region, given the answers to the
// parameters it depends on: the cloud is asked through the provider (so the account's rate
// limits and retries apply) and the raw answers are cached per account + region + query
// (option-cache.ts), so different filters over the same types share one DescribeInstanceTypes.
import { isCloudError } from "../../cloud/errors";
import type { CloudProvider } from "../../cloud/provider";
import { CloudFailure } from "../../errors";
import { liveParameter, type LiveParameter } from "./live-parameter-spec";
import { liveOptionCache, type OptionCache } from "./option-cache";
import {
  imageOptions,
  instanceTypeOptions,
  keyPairOptions,
  securityGroupOptions,
  subnetOptions,
  vpcOptions,
  zoneOptions,
  type LiveOption,
} from "./shape-options";

export type LiveOptionsContext = {
  provider: CloudProvider;
  /** The cloud account's id: answers are kept per account and region. */
  account: string;
  cache?: OptionCache;
};

/** What the options were narrowed by: the answers of the parameters this one depends on. */
export type Narrowing = { vpc?: string; zone?: string };

export type ResolvedOptions = { options: LiveOption[]; cachedAt: Date; narrowedBy: Narrowing };

/** The narrowing an answer set gives `parameter`: an unanswered dependency narrows nothing. */
export function narrowingFor(schema: Record<string, unknown>, parameter: LiveParameter, values: Record<string, unknown>): Narrowing {
  const narrowing: Narrowing = {};
  for (const name of parameter.dependsOn) {
    const value = values[name];
    const source = liveParameter(schema, name)?.source;
    if (typeof value !== "string" || value === "") continue;
    if (source === "vpcs") narrowing.vpc = value;
    if (source === "zones") narrowing.zone = value;
  }
  return narrowing;
}

export async function resolveLiveOptions(
  context: LiveOptionsContext,
  schema: Record<string, unknown>,
  parameter: LiveParameter,
  values: Record<string, unknown>,
): Promise<ResolvedOptions> {
  const { provider } = context;
  const cache = context.cache ?? liveOptionCache;
  const narrowedBy = narrowingFor(schema, parameter, values);
  const times: Date[] = [];
  const ask = async <T>(query: string, load: () => Promise<T>): Promise<T> => {
    const { value, cachedAt } = await cache.get(`${context.account}|${provider.region}|${query}`, load);
    times.push(cachedAt);
    return value;
  };
  const { filter } = parameter;
  let options: LiveOption[];
  try {
    switch (parameter.source) {
      case "instanceTypes": {
        const query = { families: filter.families, architecture: filter.architecture, currentGeneration: filter.currentGeneration ?? true };
        const [types, offered] = await Promise.all([
          ask(`instanceTypes|${JSON.stringify(query)}`, () => provider.listInstanceTypes(query)),
          narrowedBy.zone
            ? ask(`offerings|${narrowedBy.zone}|${filter.families?.join(",") ?? ""}`, () =>
                provider.listInstanceTypeOfferings({ zone: narrowedBy.zone!, ...(filter.families ? { families: filter.families } : {}) }),
              )
            : null,
        ]);
        options = instanceTypeOptions(types, filter, offered ? new Set(offered) : null, (type) => provider.priceOf(type, provider.region));
        break;
      }
      case "images": {
        const query = { owners: [filter.owner ?? "self"], ...(filter.name ? { namePattern: filter.name } : {}), ...(filter.architecture ? { architecture: filter.architecture } : {}) };
        options = imageOptions(await ask(`images|${JSON.stringify(query)}`, () => provider.listImages(query)));
        break;
      }
      case "zones":
        options = zoneOptions(await ask("zones", () => provider.listZones()));
        break;
      case "vpcs":
        options = vpcOptions(await ask("vpcs", () => provider.listVpcs()));
        break;
      case "subnets": {
        const query = { ...(narrowedBy.vpc ? { vpcId: narrowedBy.vpc } : {}), ...(narrowedBy.zone ? { zone: narrowedBy.zone } : {}) };
        options = subnetOptions(await ask(`subnets|${narrowedBy.vpc ?? ""}|${narrowedBy.zone ?? ""}`, () => provider.listSubnets(query)));
        break;
      }
      case "securityGroups": {
        const query = narrowedBy.vpc ? { vpcId: narrowedBy.vpc } : {};
        options = securityGroupOptions(await ask(`securityGroups|${narrowedBy.vpc ?? ""}`, () => provider.listSecurityGroups(query)));
        break;
      }
      case "keyPairs":
        options = keyPairOptions(await ask("keyPairs", () => provider.listKeyPairs()));
        break;
    }
  } catch (error) {
    if (!isCloudError(error)) throw error;
    throw new CloudFailure(`The options of ${parameter.name} could not be read from the cloud (${provider.region}): ${error.message}`, [
      { path: `parameters.${parameter.name}`, message: `could not be listed from the cloud: ${error.code}` },
    ]);
  }
  const cachedAt = new Date(Math.min(...times.map((time) => time.getTime())));
  return { options, cachedAt, narrowedBy };
}

const NOUNS: Record<LiveParameter["source"], string> = {
  instanceTypes: "an instance type offered",
  images: "an image",
  zones: "an available zone",
  vpcs: "a VPC",
  subnets: "a subnet",
  securityGroups: "a security group",
  keyPairs: "a key pair",
};

/** "subnet-123 is not a subnet of vpc-abc in us-east-1b": what is wrong, where, narrowed by what. */
export function notOfferedMessage(parameter: LiveParameter, value: string, narrowedBy: Narrowing, region: string): string {
  const of = narrowedBy.vpc && (parameter.source === "subnets" || parameter.source === "securityGroups") ? ` of ${narrowedBy.vpc}` : "";
  const where = narrowedBy.zone ?? region;
  const filtered = parameter.source === "instanceTypes" && Object.keys(parameter.filter).length > 0 ? " that this template allows" : "";
  const lookup = parameter.source === "images" ? ` matching ${parameter.filter.owner ?? "self"}/${parameter.filter.name ?? "*"}` : "";
  return `${value} is not ${NOUNS[parameter.source]}${lookup}${of} in ${where}${filtered}`;
}
