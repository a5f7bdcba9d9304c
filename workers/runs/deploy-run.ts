// deploy: puts a release of a service onto an environment by immutable replacement:
// resolve_images -> roll_out (batches: launch, gate, move traffic; see roll-out.ts) ->
// retire_old (terminate what left service, except a blue-green set kept for its grace period)
// -> mark_ready. A failure or cancel before roll_out is done rolls back: the old instances go
// back into service with their addresses and what this run launched is terminated; the
// environment stays ready on the previous release and the deployment records why.
import { Prisma } from "../../lib/db/generated/client";
import type { RunDefinition, StepContext } from "../../lib/runs/run-definition";
import { parseDeployInput } from "../../lib/deployments/deploy-input";
import { addressesOf, pointAddresses } from "../../lib/deployments/service-addresses";
import { resolveImagesStep, terminateInstancesOf, providerOf } from "./launch-steps";
import { deferServiceChange, groupInstances, inService } from "./deploy-instances";
import { deployGroup, rollOut } from "./roll-out";
import type { StepServices } from "./services";

type Ctx = StepContext<StepServices>;

/** EC2's eventual consistency settles in seconds. */
const UNSEEN_RETRY_MS = 3000;

/** Terminates what left service and whose time is up (a blue-green set waits for its grace period). */
export async function terminateRetired(ctx: Ctx) {
  const due = await ctx.db.instance.findMany({
    where: { environmentId: ctx.environment.id, terminateAfter: { lte: new Date() }, outOfServiceAt: { not: null }, state: { notIn: ["terminated", "shutting-down"] } },
    select: { cloudId: true },
  });
  const kept = await ctx.db.instance.findMany({
    where: { environmentId: ctx.environment.id, terminateAfter: { gt: new Date() }, state: { notIn: ["terminated", "shutting-down"] } },
    select: { cloudId: true, terminateAfter: true },
  });
  if (kept.length > 0) ctx.log(`Keeping ${kept.map((k) => k.cloudId).join(", ")} until ${kept[0]!.terminateAfter!.toISOString()} for an instant rollback`);
  if (due.length === 0) return { status: "done" as const, output: { terminated: [] } };
  const result = await terminateInstancesOf(ctx, { cloudIds: due.map((d) => d.cloudId) });
  if (result.status === "wait") return { status: "wait" as const, retryInMs: UNSEEN_RETRY_MS, reason: "Waiting for EC2 to list the instances being retired" };
  return { status: "done" as const, output: { terminated: result.terminated } };
}

function markReady(ctx: Ctx) {
  const input = parseDeployInput(ctx.run.input);
  ctx.log(`${input.service.name} ${input.release.version} is live on ${ctx.environment.name}${input.fromRelease ? ` (was ${input.fromRelease.version})` : ""}`);
  return Promise.resolve({ status: "done" as const, environment: { state: Prisma.sql`'ready'` } });
}

export const deployRun: RunDefinition<StepServices> = {
  steps: [
    { name: "resolve_images", run: resolveImagesStep((ctx) => [deployGroup(ctx, parseDeployInput(ctx.run.input))]) },
    { name: "roll_out", run: rollOut },
    { name: "retire_old", run: terminateRetired },
    { name: "mark_ready", run: markReady },
  ],
  async rollback(ctx, failure) {
    const input = parseDeployInput(ctx.run.input);
    const { deploymentId } = input;
    const settle = (state: "succeeded" | "rolled_back" | "failed" | "canceled", reason: string | null) =>
      ctx.defer(
        (held) => Prisma.sql`
          UPDATE "Deployment" SET "state" = ${state}::"DeploymentState", "reason" = ${reason}, "finishedAt" = ${new Date()}, "updatedAt" = ${new Date()}
          WHERE "id" = ${deploymentId} AND ${held}`,
      );
    if (ctx.outputOf("roll_out") !== undefined) {
      // Every batch is in service: the release is live. What is left (terminating the old set)
      // is the retire sweep's, which terminates whatever left service once it is due.
      settle("succeeded", null);
      return {
        environment: { state: Prisma.sql`'ready'`, failedStep: Prisma.sql`NULL`, failureReason: Prisma.sql`NULL` },
        note: `${input.release.version} is live; ${failure.canceled ? "canceled" : `stopped (${failure.message})`} before the old instances were terminated, which the retire sweep does once they are due.`,
      };
    }
    const rows = await groupInstances(ctx, input.service.group);
    const launched = rows.filter((r) => r.launchedByRunId === ctx.run.id);
    // What this run took out of service (never its own launches, whatever an earlier pass wrote).
    const back = rows.filter((r) => r.retiredByRunId === ctx.run.id && r.launchedByRunId !== ctx.run.id && r.outOfServiceAt !== null);
    const live = [...inService(rows).filter((r) => r.launchedByRunId !== ctx.run.id), ...back];
    const addressOf = await pointAddressesAt(ctx, input, live);
    await deferServiceChange(ctx, { into: back.map((r) => r.cloudId), outOf: launched.map((r) => r.cloudId), terminateAfter: new Date(), addressOf });
    await ctx.commit();
    const result = await terminateInstancesOf(ctx, { launchedByRun: ctx.run.id });
    if (result.status === "wait") throw new Error(`EC2 does not list ${result.unseen.join(", ")} yet (launched moments ago); rolling back again shortly`);
    const touched = launched.length > 0 || back.length > 0 || result.terminated.length > 0;
    settle(failure.canceled ? "canceled" : touched ? "rolled_back" : "failed", failure.canceled ? "Canceled" : failure.message);
    const from = input.fromRelease ? `${input.fromRelease.version} keeps serving` : "the instances it replaced keep serving";
    const note = touched
      ? `Rolled back: ${from}${back.length > 0 ? ` (${back.map((r) => r.cloudId).join(", ")} back in service)` : ""}; terminated what this deploy launched (${result.terminated.join(", ") || "nothing"}).`
      : `Nothing was launched or changed; ${from}.`;
    return { environment: { state: Prisma.sql`'ready'`, failedStep: Prisma.sql`NULL`, failureReason: Prisma.sql`NULL` }, note };
  },
};

/**
 * Puts every address of the service back on the live set, whatever Postgres last recorded (a
 * crash between an AssociateAddress and its record leaves the row stale): each address goes to
 * a live instance, those already recorded on one keep it, and every association is sent again
 * (EC2 answers an association that already holds with the same id).
 */
async function pointAddressesAt(ctx: Ctx, input: ReturnType<typeof parseDeployInput>, live: { cloudId: string }[]): Promise<Map<string, string>> {
  const addressOf = new Map<string, string>();
  if (!input.service.stableAddresses || live.length === 0) return addressOf;
  const addresses = (await addressesOf(ctx, input.service.id)).filter((a) => a.allocationId);
  const liveIds = live.map((r) => r.cloudId);
  const keeping = addresses.filter((a) => a.instanceId && liveIds.includes(a.instanceId));
  const free = liveIds.filter((id) => !keeping.some((a) => a.instanceId === id));
  const moving = addresses.filter((a) => !keeping.includes(a));
  const moves = [...keeping.map((address) => ({ address, instanceId: address.instanceId! })), ...moving.slice(0, free.length).map((address, i) => ({ address, instanceId: free[i]! }))];
  await pointAddresses(ctx, await providerOf(ctx), moves);
  for (const { address, instanceId } of moves) if (address.publicIp) addressOf.set(instanceId, address.publicIp);
  return addressOf;
}

/** retire: a blue-green set's grace period ended while nothing else ran on the environment. */
export const retireRun: RunDefinition<StepServices> = {
  steps: [
    {
      name: "terminate_retired",
      run: async (ctx) => {
        const outcome = await terminateRetired(ctx);
        return outcome.status === "done" ? { ...outcome, environment: { state: Prisma.sql`'ready'` } } : outcome;
      },
    },
  ],
};
