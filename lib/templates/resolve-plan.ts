// Template spec + validated parameters -> the concrete instance groups to launch. Runs at
// request time so a bad combination is a 400 before anything is written or launched.
import type { FieldIssue } from "../errors";
import { ExpressionError, expressionText, lookupPath, parseReference, resolveExpressions, resolveString } from "./expressions";
import { isShellScript, renderShellScript, UnsafeInsertion } from "./shell-user-data";
import type { InstanceGroupSpec, TemplateSpec } from "./template-spec";

export type ImageRef = { id: string } | { owner: string; name: string; architecture?: "x86_64" | "arm64" };

export type PlannedGroup = {
  name: string;
  image: ImageRef;
  instanceType: string;
  count: number;
  userData?: string;
  tags: Record<string, string>;
  subnetId?: string;
  securityGroupIds?: string[];
  keyName?: string;
  /** Absent: the subnet's setting decides; false: no public address. */
  publicIp?: boolean;
  alternatives: { instanceTypes: string[]; zones: string[] };
};

export type Plan = { groups: PlannedGroup[] };

export type PlanContext = { params: Record<string, unknown>; env: { id: string; name: string; region: string; team: string } };

const INSTANCE_TYPE = /^[a-z][a-z0-9-]*\.[a-z0-9]+$/;
const AMI_ID = /^ami-([0-9a-f]{8}|[0-9a-f]{17})$/;

export function resolvePlan(spec: TemplateSpec, context: PlanContext): { ok: true; plan: Plan } | { ok: false; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const groups: PlannedGroup[] = [];
  spec.instanceGroups.forEach((group, index) => {
    const path = `instanceGroups.${index}`;
    let resolved: InstanceGroupSpec;
    try {
      const { userData, ...rest } = group;
      resolved = { ...(resolveExpressions(rest, context) as InstanceGroupSpec), ...(userData !== undefined ? { userData: renderUserData(userData, context) } : {}) };
    } catch (error) {
      if (error instanceof UnsafeInsertion) issues.push({ path: `${path}.userData`, message: `a parameter cannot be inserted safely: ${error.message}` });
      else issues.push({ path, message: error instanceof ExpressionError ? error.message : String(error) });
      return;
    }
    const count = typeof resolved.count === "string" ? Number(resolved.count) : resolved.count;
    if (!Number.isInteger(count) || count < 1 || count > 50) issues.push({ path: `${path}.count`, message: `must resolve to a whole number from 1 to 50 (got ${JSON.stringify(resolved.count)})` });
    if (typeof resolved.instanceType !== "string" || !INSTANCE_TYPE.test(resolved.instanceType)) {
      issues.push({ path: `${path}.instanceType`, message: `must resolve to an instance type like t3.micro (got ${JSON.stringify(resolved.instanceType)})` });
    }
    const image = resolveImage(resolved.image);
    if (!image) issues.push({ path: `${path}.image`, message: `must resolve to an AMI id like ami-0abc... or an {owner, name} lookup (got ${JSON.stringify(resolved.image)})` });
    const tags = Object.fromEntries(Object.entries(resolved.tags ?? {}).map(([key, value]) => [key, String(value)]));
    const reserved = Object.keys(tags).find((key) => key.startsWith("hangar:") || key.startsWith("aws:"));
    if (reserved) issues.push({ path: `${path}.tags.${reserved}`, message: "tags starting with hangar: or aws: are reserved" });
    if (image) {
      groups.push({
        name: group.name,
        image,
        instanceType: String(resolved.instanceType),
        count,
        userData: resolved.userData,
        tags,
        subnetId: resolved.subnetId,
        securityGroupIds: resolved.securityGroupIds,
        keyName: resolved.keyName,
        ...(group.publicIp !== undefined ? { publicIp: group.publicIp } : {}),
        alternatives: {
          instanceTypes: resolved.alternatives?.instanceTypes ?? [],
          zones: (resolved.alternatives?.zones ?? []).map((zone) => (/^[a-z]$/.test(zone) ? `${context.env.region}${zone}` : zone)),
        },
      });
    }
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, plan: { groups } };
}

/**
 * User data with its references filled in. A shell script's insertions are quoted for where they
 * stand, so a parameter value cannot run a command (shell-user-data.ts).
 */
export function renderUserData(userData: string, context: PlanContext): string {
  if (!isShellScript(userData)) return String(resolveString(userData, context));
  return renderShellScript(userData, (inner) => {
    const { path, raw } = parseReference(inner);
    return { text: expressionText(lookupPath(context, path)), raw };
  });
}

function resolveImage(image: unknown): ImageRef | null {
  if (typeof image === "string") return AMI_ID.test(image) ? { id: image } : null;
  if (image && typeof image === "object" && "owner" in image && "name" in image) {
    const lookup = image as { owner: unknown; name: unknown; architecture?: unknown };
    if (typeof lookup.owner === "string" && typeof lookup.name === "string") {
      const architecture = lookup.architecture === "arm64" || lookup.architecture === "x86_64" ? lookup.architecture : undefined;
      return { owner: lookup.owner, name: lookup.name, ...(architecture ? { architecture } : {}) };
    }
  }
  return null;
}
