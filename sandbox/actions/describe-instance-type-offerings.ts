// DescribeInstanceTypeOfferings: which types the region, or each of its zones, offers
// (catalog/offerings.ts). Filters `location` and `instance-type`; MaxResults 5..1000, and like
// EC2 an unbounded request still comes back in pages (of 1,000), so callers must follow NextToken.
import { allInstanceTypes } from "../catalog/instance-types";
import { zonesOffering } from "../catalog/offerings";
import { errors } from "../protocol/ec2-error";
import { compileFilters, type FieldReader } from "../protocol/filters";
import { decodeNextToken, encodeNextToken, readMaxResults } from "../protocol/pagination";
import { el, itemSet } from "../protocol/xml";
import { endOfValidation, type ActionContext } from "./context";

const LOCATION_TYPES = ["region", "availability-zone", "availability-zone-id"] as const;
type LocationType = (typeof LOCATION_TYPES)[number];
const PAGE_DEFAULT = 1000;
const TOKEN_KIND = "DescribeInstanceTypeOfferings";

interface Offering {
  instanceType: string;
  location: string;
}

const readers: Record<string, FieldReader<Offering>> = {
  "instance-type": (o) => o.instanceType,
  location: (o) => o.location,
};

function offerings(ctx: ActionContext, locationType: LocationType): Offering[] {
  const region = ctx.region;
  if (locationType === "region") return allInstanceTypes().map((t) => ({ instanceType: t.name, location: region.name }));
  const out: Offering[] = [];
  for (const type of allInstanceTypes()) {
    for (const zone of zonesOffering(region, type.name)) {
      out.push({ instanceType: type.name, location: locationType === "availability-zone" ? zone.name : zone.id });
    }
  }
  return out;
}

export function describeInstanceTypeOfferings(ctx: ActionContext): string {
  const { params } = ctx;
  const requested = params.string("LocationType") ?? "region";
  if (!(LOCATION_TYPES as readonly string[]).includes(requested)) {
    throw errors.invalidValue(`Value ( ${requested} ) for parameter locationType is invalid. Valid values are: [${LOCATION_TYPES.join(", ")}]`);
  }
  const locationType = requested as LocationType;
  const match = compileFilters(params.filters(), (name) => (Object.hasOwn(readers, name) ? readers[name] : undefined));
  const maxResults = readMaxResults(params, 5, 1000) ?? PAGE_DEFAULT;
  const offset = decodeNextToken(TOKEN_KIND, params.string("NextToken")) ?? 0;
  endOfValidation(ctx);

  const matching = offerings(ctx, locationType).filter(match);
  const page = matching.slice(offset, offset + maxResults);
  const next = offset + maxResults < matching.length ? encodeNextToken(TOKEN_KIND, offset + maxResults) : undefined;
  return (
    itemSet("instanceTypeOfferingSet", page, (o) => el("instanceType", o.instanceType) + el("locationType", locationType) + el("location", o.location)) +
    el("nextToken", next)
  );
}
