// Template outputs (URLs, SSH commands, addresses) computed from the launched instances.
import type { Tx } from "../db/client";
import type { Environment } from "../db/generated/client";
import { expressionText, resolveExpressions } from "../templates/expressions";
import type { TemplateSpec } from "../templates/template-spec";

// Template versions are immutable, so their specs can be kept for the life of the process.
const specs = new Map<string, TemplateSpec>();

async function specOf(db: Tx, templateVersionId: string): Promise<TemplateSpec> {
  let spec = specs.get(templateVersionId);
  if (!spec) {
    const version = await db.templateVersion.findUniqueOrThrow({ where: { id: templateVersionId }, select: { spec: true } });
    spec = version.spec as unknown as TemplateSpec;
    if (specs.size > 1000) specs.clear();
    specs.set(templateVersionId, spec);
  }
  return spec;
}

/** What outputs may reference of an instance (`instances.<group>[i].<field>`). */
export type OutputInstance = { group: string; id: string; type: string; zone: string | null; privateIp: string | null; publicIp: string | null; privateDns: string | null; publicDns: string | null };

export async function computeOutputs(db: Tx, environment: Environment, known?: OutputInstance[]): Promise<Record<string, string>> {
  const spec = await specOf(db, environment.templateVersionId);
  if (Object.keys(spec.outputs).length === 0) return {};
  const instances =
    known ??
    // In service only: a deployment's instances waiting for their health gate, and the ones it
    // took out of service, are not what outputs point at.
    (await db.instance.findMany({ where: { environmentId: environment.id, state: { not: "terminated" }, outOfServiceAt: null }, orderBy: { launchedAt: "asc" } })).map(
      (i): OutputInstance => ({ group: i.groupName, id: i.cloudId, type: i.instanceType, zone: i.availabilityZone, privateIp: i.privateIp, publicIp: i.publicIp, privateDns: i.privateDns, publicDns: i.publicDns }),
    );
  // The team's slug costs a query; only outputs that mention it pay for it.
  const team = JSON.stringify(spec.outputs).includes("env.team") ? (await db.team.findUniqueOrThrow({ where: { id: environment.teamId }, select: { slug: true } })).slug : "";
  const byGroup: Record<string, Omit<OutputInstance, "group">[]> = {};
  for (const { group, ...instance } of instances) (byGroup[group] ??= []).push(instance);
  const context = {
    params: environment.parameters,
    env: { id: environment.id, name: environment.name, region: environment.region, team },
    instances: byGroup,
  };
  const resolved = resolveExpressions(spec.outputs, context) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(resolved).map(([key, value]) => [key, expressionText(value)]));
}
