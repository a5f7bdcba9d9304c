// What moving an environment from one plan to another changes, group by group and parameter by
// parameter. A group whose launch settings are unchanged keeps its instances; any difference that
// a running instance cannot take (image, type, count, user data, tags, network) replaces the
// group. Alternatives are only tried at launch, so they never replace anything.
import type { ImageRef, Plan, PlannedGroup } from "../templates/resolve-plan";

export type GroupSummary = { instanceType: string; count: number; image: string };
export type GroupChange = {
  name: string;
  change: "unchanged" | "replaced" | "added" | "removed";
  from: GroupSummary | null;
  to: GroupSummary | null;
  /** What differs, in words ("instance type t3.micro → t3.small", "user data"). */
  differences: string[];
};

const LABELS: Record<string, string> = {
  image: "image",
  userData: "user data",
  tags: "tags",
  subnetId: "subnet",
  securityGroupIds: "security groups",
  keyName: "key pair",
  publicIp: "public address",
};
/** Compared in every group; anything a plan holds beyond these is compared too, by name. */
const IGNORED = new Set(["name", "alternatives"]);

export function imageText(image: ImageRef): string {
  return "id" in image ? image.id : `${image.owner}/${image.name}${image.architecture ? ` (${image.architecture})` : ""}`;
}

function summary(group: PlannedGroup): GroupSummary {
  return { instanceType: group.instanceType, count: group.count, image: imageText(group.image) };
}

/** JSON with sorted keys and no undefined members: plans written by older versions compare equal. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item && typeof item === "object" && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => a.localeCompare(b)))
      : item,
  );
}

function differences(from: PlannedGroup, to: PlannedGroup): string[] {
  const found: string[] = [];
  if (from.instanceType !== to.instanceType) found.push(`instance type ${from.instanceType} → ${to.instanceType}`);
  if (from.count !== to.count) found.push(`count ${from.count} → ${to.count}`);
  const keys = new Set([...Object.keys(from), ...Object.keys(to)].filter((key) => !IGNORED.has(key) && key !== "instanceType" && key !== "count"));
  for (const key of [...keys].sort()) {
    const a = (from as Record<string, unknown>)[key];
    const b = (to as Record<string, unknown>)[key];
    if (canonical(a ?? null) === canonical(b ?? null)) continue;
    if (key === "image") found.push(`image ${imageText(from.image)} → ${imageText(to.image)}`);
    else found.push(LABELS[key] ?? key);
  }
  return found;
}

export function diffPlans(from: Plan, to: Plan): GroupChange[] {
  const before = new Map(from.groups.map((group) => [group.name, group]));
  const after = new Map(to.groups.map((group) => [group.name, group]));
  const changes: GroupChange[] = [];
  for (const group of to.groups) {
    const old = before.get(group.name);
    if (!old) {
      changes.push({ name: group.name, change: "added", from: null, to: summary(group), differences: [] });
      continue;
    }
    const found = differences(old, group);
    changes.push({ name: group.name, change: found.length > 0 ? "replaced" : "unchanged", from: summary(old), to: summary(group), differences: found });
  }
  for (const group of from.groups) {
    if (!after.has(group.name)) changes.push({ name: group.name, change: "removed", from: summary(group), to: null, differences: [] });
  }
  return changes;
}

export type ParameterChanges = {
  added: { name: string; value: unknown }[];
  removed: { name: string; value: unknown }[];
  changed: { name: string; from: unknown; to: unknown }[];
};

export function diffParameters(from: Record<string, unknown>, to: Record<string, unknown>): ParameterChanges {
  const changes: ParameterChanges = { added: [], removed: [], changed: [] };
  for (const [name, value] of Object.entries(to)) {
    if (!(name in from)) changes.added.push({ name, value });
    else if (canonical(from[name]) !== canonical(value)) changes.changed.push({ name, from: from[name], to: value });
  }
  for (const [name, value] of Object.entries(from)) if (!(name in to)) changes.removed.push({ name, value });
  return changes;
}
