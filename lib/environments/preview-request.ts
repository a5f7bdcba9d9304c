// A request's dry run: everything the request would be checked against (plan-request.ts), then
// what it would create, resolved as far as Hangar can without launching anything: instance
// types and counts, the images the lookups find in the region today, the user data as it will be
// sent, the tags, the outputs that will be computed, and the hourly cost. The request form shows
// it before Request, and prices exactly what would be submitted.
import type { Db } from "../db/client";
import type { ProviderRegistry } from "../cloud-accounts/provider-registry";
import { priceOf } from "../cloud/prices/price-of";
import type { Caller } from "../identity/caller";
import type { ImageResolver } from "../instances/image-resolver";
import { launchRequest } from "../instances/launch-ledger";
import type { OptionCache } from "../templates/live-options/option-cache";
import { planRequest, type PlanRequestInput } from "./plan-request";

/** Where the environment's id and name go before it exists. */
export const PREVIEW_ENVIRONMENT_ID = "(assigned on request)";

export type PreviewGroup = {
  name: string;
  count: number;
  instanceType: string;
  alternatives: { instanceTypes: string[]; zones: string[] };
  image: { id: string; name: string | null } | { lookup: string; error: string };
  userData: string | null;
  tags: Record<string, string>;
  subnetId: string | null;
  securityGroupIds: string[];
  keyName: string | null;
  /** null: the subnet's setting decides; false: the group asked for no public address. */
  publicIp: boolean | null;
  /** Per instance; null when the price snapshot has no figure for the type in the region. */
  usdPerHour: number | null;
  derivedPrice: boolean;
};

export type RequestPreview = {
  template: { slug: string; version: number };
  name: string;
  team: string;
  cloudAccount: string;
  region: string;
  leaseSeconds: number;
  parameters: Record<string, unknown>;
  groups: PreviewGroup[];
  outputs: { key: string; expression: string }[];
  cost: { usdPerHour: number; forLease: number; complete: boolean; derived: boolean; asOf: string | null };
};

export type PreviewDeps = { providers: ProviderRegistry; images: ImageResolver; optionCache?: OptionCache };

export async function previewRequest(db: Db, caller: Caller, deps: PreviewDeps, input: Omit<PlanRequestInput, "name"> & { name?: string | undefined }): Promise<RequestPreview> {
  const name = input.name?.trim() || "(name)";
  const planned = await planRequest(db, caller, { ...input, name }, PREVIEW_ENVIRONMENT_ID, deps);
  const provider = await deps.providers.providerFor(planned.account.id, planned.region);
  let asOf: string | null = null;
  const groups = await Promise.all(
    planned.plan.groups.map(async (group): Promise<PreviewGroup> => {
      let image: PreviewGroup["image"];
      if ("id" in group.image) image = { id: group.image.id, name: null };
      else {
        const lookup = `${group.image.owner}/${group.image.name}${group.image.architecture ? ` (${group.image.architecture})` : ""}`;
        try {
          const found = await deps.images.resolve(provider, planned.account.id, group.image);
          image = found ? { id: found.id, name: found.name } : { lookup, error: `no image in ${planned.region} matches ${lookup}` };
        } catch (error) {
          image = { lookup, error: `the cloud could not be asked: ${error instanceof Error ? error.message : String(error)}` };
        }
      }
      const request = launchRequest({ id: PREVIEW_ENVIRONMENT_ID }, { id: PREVIEW_ENVIRONMENT_ID, name }, group, "id" in image ? image.id : "(image)", { instanceType: group.instanceType });
      const price = priceOf(group.instanceType, planned.region);
      if (price) asOf = price.asOf;
      return {
        name: group.name,
        count: group.count,
        instanceType: group.instanceType,
        alternatives: group.alternatives,
        image,
        userData: group.userData ?? null,
        tags: request.tags,
        subnetId: group.subnetId ?? null,
        securityGroupIds: group.securityGroupIds ?? [],
        keyName: group.keyName ?? null,
        publicIp: group.publicIp ?? null,
        usdPerHour: price?.usdPerHour ?? null,
        derivedPrice: price?.derived ?? false,
      };
    }),
  );
  const known = groups.filter((g) => g.usdPerHour !== null);
  const usdPerHour = Math.round(known.reduce((sum, g) => sum + g.count * g.usdPerHour!, 0) * 10_000) / 10_000;
  return {
    template: { slug: planned.template.slug, version: planned.template.version.version },
    name,
    team: planned.team.teamSlug,
    cloudAccount: planned.account.name,
    region: planned.region,
    leaseSeconds: planned.ttlSeconds,
    parameters: planned.parameters,
    groups,
    outputs: Object.entries(planned.template.version.spec.outputs).map(([key, expression]) => ({ key, expression })),
    cost: {
      usdPerHour,
      forLease: Math.round(usdPerHour * (planned.ttlSeconds / 3600) * 100) / 100,
      complete: known.length === groups.length,
      derived: groups.some((g) => g.derivedPrice),
      asOf,
    },
  };
}
