// DescribeRegions and DescribeAvailabilityZones (zones of the region the request is signed for).
import { regions, type Region, type Zone } from "../catalog/regions";
import { errors } from "../protocol/ec2-error";
import { compileFilters, type FieldReader } from "../protocol/filters";
import { el, itemSet } from "../protocol/xml";
import { endOfValidation, type ActionContext } from "./context";

const regionReaders: Record<string, FieldReader<Region>> = {
  "region-name": (r) => r.name,
  endpoint: (r) => `ec2.${r.name}.amazonaws.com`,
  "opt-in-status": (r) => r.optIn,
};

export function describeRegions(ctx: ActionContext): string {
  const names = ctx.params.list("RegionName");
  const unknown = names.filter((n) => !regions.some((r) => r.name === n));
  if (unknown.length > 0) throw errors.invalidValue(`Invalid region: ${unknown.join(", ")}`);
  const allRegions = ctx.params.bool("AllRegions");
  const match = compileFilters(ctx.params.filters(), (name) => regionReaders[name]);
  endOfValidation(ctx);
  const selected = regions.filter(
    (r) => (names.length > 0 ? names.includes(r.name) : allRegions || r.optIn === "opt-in-not-required") && match(r),
  );
  return itemSet(
    "regionInfo",
    selected,
    (r) => el("regionName", r.name) + el("regionEndpoint", `ec2.${r.name}.amazonaws.com`) + el("optInStatus", r.optIn),
  );
}

const zoneReaders: Record<string, FieldReader<Zone>> = {
  "zone-name": (z) => z.name,
  "zone-id": (z) => z.id,
  "region-name": (z) => z.region,
  "group-name": (z) => z.region,
  state: () => "available",
  "zone-type": () => "availability-zone",
  "opt-in-status": () => "opt-in-not-required",
};

export function describeAvailabilityZones(ctx: ActionContext): string {
  const zones = ctx.region.zones;
  const names = ctx.params.list("ZoneName");
  const ids = ctx.params.list("ZoneId");
  for (const name of names) if (!zones.some((z) => z.name === name)) throw errors.badZone(name);
  for (const id of ids)
    if (!zones.some((z) => z.id === id)) throw errors.invalidValue(`Invalid availability zone id: [${id}]`);
  ctx.params.bool("AllAvailabilityZones");
  const match = compileFilters(ctx.params.filters(), (name) => zoneReaders[name]);
  endOfValidation(ctx);
  const selected = zones.filter(
    (z) => (names.length === 0 && ids.length === 0) || names.includes(z.name) || ids.includes(z.id),
  );
  return itemSet(
    "availabilityZoneInfo",
    selected.filter(match),
    (z) =>
      el("zoneName", z.name) +
      el("zoneState", "available") +
      el("regionName", z.region) +
      el("zoneId", z.id) +
      el("groupName", z.region) +
      el("networkBorderGroup", z.region) +
      el("zoneType", "availability-zone") +
      el("optInStatus", "opt-in-not-required") +
      `<messageSet/>`,
  );
}
