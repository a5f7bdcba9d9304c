import type { PlannedGroup } from "../templates/resolve-plan";

/** What a group may be launched as, in order: its type in each allowed zone, then each alternative type. */
export function launchCandidates(group: PlannedGroup): { instanceType: string; zone?: string }[] {
  const types = [group.instanceType, ...group.alternatives.instanceTypes.filter((t) => t !== group.instanceType)];
  // A subnet lives in one zone: with a subnet, naming another zone is an error, not a fallback.
  const zones: (string | undefined)[] = group.alternatives.zones.length > 0 && !group.subnetId ? group.alternatives.zones : [undefined];
  return types.flatMap((instanceType) => zones.map((zone) => ({ instanceType, ...(zone ? { zone } : {}) })));
}
