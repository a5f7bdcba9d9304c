// Which instance types each availability zone offers. On EC2 not every zone has every type
// (RunInstances answers `Unsupported`), which is why a form must know the zone before it lists
// types. The sandbox models that with a fixed rule, the same on every start and in every account:
// - the common general-purpose, compute and memory families are offered in every zone, so the
//   shipped templates and benchmarks launch anywhere;
// - every other family (GPUs, storage, metal, older and newest generations) is missing from about
//   a third of the zones, chosen by a hash of zone id and family; a family no zone of a region
//   would offer is offered in the region's first zone, so every type can be launched somewhere.
import { createHash } from "node:crypto";
import type { Region, Zone } from "./regions";

const EVERYWHERE = new Set([
  "t2", "t3", "t3a", "t4g",
  "m5", "m5a", "m6a", "m6g", "m6i", "m7a", "m7g", "m7i", "m7i-flex",
  "c5", "c5a", "c6a", "c6g", "c6i", "c7a", "c7g", "c7i",
  "r5", "r5a", "r6a", "r6g", "r6i", "r7a", "r7g", "r7i",
]);

export function familyOf(instanceType: string): string {
  return instanceType.split(".")[0] ?? instanceType;
}

const cache = new Map<string, Map<string, readonly Zone[]>>();

function computeZones(region: Region, family: string): readonly Zone[] {
  if (EVERYWHERE.has(family)) return region.zones;
  const offered = region.zones.filter((zone) => (createHash("sha256").update(`${zone.id}|${family}`).digest()[0] ?? 0) % 3 !== 0);
  return offered.length > 0 ? offered : region.zones.slice(0, 1);
}

/** Zones of the region that offer the type, in the region's zone order. */
export function zonesOffering(region: Region, instanceType: string): readonly Zone[] {
  let byFamily = cache.get(region.name);
  if (byFamily === undefined) {
    byFamily = new Map();
    cache.set(region.name, byFamily);
  }
  const family = familyOf(instanceType);
  let zones = byFamily.get(family);
  if (zones === undefined) {
    zones = computeZones(region, family);
    byFamily.set(family, zones);
  }
  return zones;
}

export function isOfferedIn(region: Region, zone: Zone, instanceType: string): boolean {
  return zonesOffering(region, instanceType).some((z) => z.name === zone.name);
}
