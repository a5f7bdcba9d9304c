// What a deploy reads and writes about its service's instances: the group's rows as they are
// now, which are in service (outputs point at them, addresses are on them), and the statement
// that moves a batch into service and the instances it replaces out of it.
import { Prisma } from "../../lib/db/generated/client";
import type { StepContext } from "../../lib/runs/run-definition";
import { computeOutputs, type OutputInstance } from "../../lib/instances/compute-outputs";
import type { StepServices } from "./services";

type Ctx = StepContext<StepServices>;

export type GroupInstance = {
  cloudId: string;
  state: string;
  launchedByRunId: string;
  releaseId: string | null;
  outOfServiceAt: Date | null;
  terminateAfter: Date | null;
  retiredByRunId: string | null;
  launchedAt: Date;
  instanceType: string;
  availabilityZone: string | null;
  privateIp: string | null;
  publicIp: string | null;
  privateDns: string | null;
  publicDns: string | null;
  groupName: string;
  clientToken: string;
};

const GONE = new Set(["terminated", "shutting-down"]);
export const isGone = (i: { state: string }) => GONE.has(i.state);

/** The group's instances that still exist, oldest first. */
export async function groupInstances(ctx: Ctx, group: string): Promise<GroupInstance[]> {
  const rows = await ctx.db.instance.findMany({
    where: { environmentId: ctx.environment.id, groupName: group, state: { notIn: ["terminated", "shutting-down"] } },
    orderBy: [{ launchedAt: "asc" }, { cloudId: "asc" }],
  });
  return rows;
}

/** These instances of the environment, in any state. */
export async function instancesByIds(ctx: Ctx, cloudIds: string[]): Promise<GroupInstance[]> {
  return ctx.db.instance.findMany({ where: { environmentId: ctx.environment.id, cloudId: { in: cloudIds } } });
}

/** ClientTokens of launches an earlier round (before the latest retry) of this run made. */
export async function staleLaunchTokens(ctx: Ctx): Promise<Set<string>> {
  if (ctx.run.retryCount === 0) return new Set();
  const rows = await ctx.db.cloudOperation.findMany({ where: { runId: ctx.run.id, action: "RunInstances" }, select: { idempotencyToken: true, request: true } });
  return new Set(rows.filter((r) => ((r.request as { round?: number }).round ?? 0) < ctx.run.retryCount).map((r) => r.idempotencyToken));
}

export const inService = (rows: GroupInstance[]) => rows.filter((i) => i.outOfServiceAt === null && !isGone(i));

const outputOf = (i: GroupInstance): OutputInstance => ({ group: i.groupName, id: i.cloudId, type: i.instanceType, zone: i.availabilityZone, privateIp: i.privateIp, publicIp: i.publicIp, privateDns: i.privateDns, publicDns: i.publicDns });

/**
 * Writes (with the step's next statement) that `into` are in service and `outOf` are not, to be
 * terminated after `terminateAfter`, and the environment's outputs for the new live set.
 */
export async function deferServiceChange(ctx: Ctx, change: { into: string[]; outOf: string[]; terminateAfter: Date; addressOf?: Map<string, string> }) {
  const now = new Date();
  const { into, outOf, terminateAfter } = change;
  const envId = ctx.environment.id;
  // Separate parts of the step's next statement (a part may not nest a WITH); disjoint rows.
  const ips = into.map((id) => change.addressOf?.get(id) ?? null);
  ctx.defer(
    (held) => Prisma.sql`
      UPDATE "Instance" AS i SET "outOfServiceAt" = NULL, "terminateAfter" = NULL, "retiredByRunId" = NULL, "publicIp" = COALESCE(v.ip, i."publicIp"), "updatedAt" = ${now}
      FROM unnest(${into}::text[], ${ips}::text[]) AS v(cloud_id, ip)
      WHERE i."environmentId" = ${envId} AND i."cloudId" = v.cloud_id AND ${held}`,
  );
  ctx.defer(
    (held) => Prisma.sql`
      UPDATE "Instance" SET "outOfServiceAt" = ${now}, "terminateAfter" = ${terminateAfter}, "retiredByRunId" = ${ctx.run.id}, "updatedAt" = ${now}
      WHERE "environmentId" = ${envId} AND "cloudId" = ANY(${outOf}::text[]) AND ${held}`,
  );
  // Outputs for the environment as it is after the change: every in-service instance of every group.
  const all = await ctx.db.instance.findMany({ where: { environmentId: envId, state: { notIn: ["terminated", "shutting-down"] } }, orderBy: [{ launchedAt: "asc" }, { cloudId: "asc" }] });
  const live = (all as GroupInstance[])
    .filter((i) => into.includes(i.cloudId) || (i.outOfServiceAt === null && !outOf.includes(i.cloudId)))
    .map((i) => ({ ...i, publicIp: change.addressOf?.get(i.cloudId) ?? i.publicIp }));
  const outputs = await computeOutputs(ctx.db, ctx.environment, live.map(outputOf));
  ctx.defer((held) => Prisma.sql`UPDATE "Environment" SET "outputs" = ${JSON.stringify(outputs)}::jsonb, "updatedAt" = ${now} WHERE "id" = ${envId} AND ${held}`);
  return outputs;
}

/** Appends (or replaces, per instance and batch) health-gate results on the deployment. */
export function deferGateResults(ctx: Ctx, deploymentId: string, results: { instanceId: string; batch: number }[]) {
  if (results.length === 0) return;
  const replaced = results.map((r) => `${r.instanceId}#${r.batch}`);
  ctx.defer(
    (held) => Prisma.sql`
      UPDATE "Deployment" SET "updatedAt" = ${new Date()}, "gateResults" = COALESCE((
        SELECT jsonb_agg(g) FROM jsonb_array_elements("gateResults") g WHERE NOT ((g->>'instanceId') || '#' || (g->>'batch') = ANY(${replaced}::text[]))), '[]'::jsonb)
        || ${JSON.stringify(results)}::jsonb
      WHERE "id" = ${deploymentId} AND ${held}`,
  );
}
