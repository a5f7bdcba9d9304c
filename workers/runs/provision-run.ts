// provision: resolve images -> launch every group (ClientToken recorded first, tags on create)
// -> wait for running (batched poller) -> compute outputs -> ready.
import type { RunDefinition, StepContext } from "../../lib/runs/execute-run";
import { CloudFailure } from "../../lib/errors";
import { groupLaunchState, launchInstanceGroup } from "../../lib/instances/launch-instance-group";
import { computeOutputs, type OutputInstance } from "../../lib/instances/compute-outputs";
import type { Plan } from "../../lib/templates/resolve-plan";
import type { StepServices } from "./services";
import { waitForInstances } from "./wait-for-instances";
import { sqlExecute } from "../../lib/db/sql";
import { Prisma } from "../../lib/db/generated/client";

type Ctx = StepContext<StepServices>;
type ImageChoice = Record<string, string>;

const provider = (ctx: Ctx) => ctx.services.providers.providerFor(ctx.environment.cloudAccountId, ctx.environment.region);
const planOf = (ctx: Ctx) => ctx.environment.plan as unknown as Plan;

async function resolveImages(ctx: Ctx) {
  const cloud = await provider(ctx);
  const images: ImageChoice = {};
  for (const group of planOf(ctx).groups) {
    if ("id" in group.image) {
      images[group.name] = group.image.id;
      continue;
    }
    const { owner, name, architecture } = group.image;
    const newest = await ctx.services.images.resolve(cloud, ctx.environment.cloudAccountId, group.image);
    if (!newest) throw new CloudFailure(`No image in ${ctx.environment.region} matches owner ${owner} and name ${name}${architecture ? ` (${architecture})` : ""}`);
    images[group.name] = newest.id;
    await ctx.log(`Group ${group.name}: using ${newest.id} (${newest.name})`);
  }
  return { status: "done" as const, output: images };
}

/** Longer waits for the account's RunInstances budget park the run instead of holding a worker slot. */
const PARK_AFTER_MS = 1000;
/** `operations`: how many RunInstances the group had recorded when the slot was reserved. */
type LaunchProgress = { reservation?: { group: string; at: number; operations: number } };

async function launchInstances(ctx: Ctx) {
  const cloud = await provider(ctx);
  const images = ctx.outputOf<ImageChoice>("resolve_images") ?? {};
  const launched: Record<string, string[]> = {};
  let reservation = (ctx.step.output as LaunchProgress | null)?.reservation;
  for (const group of planOf(ctx).groups) {
    const imageId = images[group.name];
    if (!imageId) throw new Error(`resolve_images recorded no image for group ${group.name}`);
    const { launched: already, operations } = await groupLaunchState(ctx.db, ctx.run.id, group.name);
    if (!already) {
      // EC2 refills RunInstances at 2/s per account and region: take a place in that line now,
      // and if it is far off, give the worker slot back until it comes round.
      // A reservation is spent by the first RunInstances recorded after it: a retry after a
      // failed launch takes a new one rather than sending unmetered.
      if (reservation?.group !== group.name || reservation.operations !== operations.length) {
        const waitMs = await cloud.reserveRequest("RunInstances");
        reservation = { group: group.name, at: Date.now() + waitMs, operations: operations.length };
        if (waitMs > PARK_AFTER_MS) {
          await ctx.saveProgress({ reservation });
          await ctx.log(`Queued for the cloud account's launch budget (EC2 allows about 2 launches per second): launching in ${Math.ceil(waitMs / 1000)} s`);
        }
      }
      const remaining = reservation.at - Date.now();
      if (remaining > PARK_AFTER_MS) return { status: "wait" as const, retryInMs: remaining };
      if (remaining > 0) await new Promise((resolve) => setTimeout(resolve, remaining));
    }
    launched[group.name] =
      already ??
      (await launchInstanceGroup({
        db: ctx.db,
        provider: cloud,
        cloudAccountId: ctx.environment.cloudAccountId,
        environment: { id: ctx.environment.id, name: ctx.environment.name },
        runId: ctx.run.id,
        group,
        imageId,
        log: ctx.log,
        prepaid: true,
        operations,
      }));
    reservation = undefined;
    ctx.services.kickPoller();
  }
  return { status: "done" as const, output: launched };
}

async function recordOutputs(ctx: Ctx) {
  const settled = ctx.outputOf<{ instances?: OutputInstance[] }>("wait_for_running")?.instances;
  const outputs = await computeOutputs(ctx.db, ctx.environment, settled);
  if (Object.keys(outputs).length > 0) await ctx.log(`Outputs: ${Object.entries(outputs).map(([k, v]) => `${k}=${v}`).join(", ")}`);
  return { status: "done" as const, output: outputs };
}

/** Outputs become visible together with the ready state. */
async function markReady(ctx: Ctx) {
  const outputs = ctx.outputOf<Record<string, string>>("record_outputs") ?? (await computeOutputs(ctx.db, ctx.environment));
  const now = new Date();
  await sqlExecute(ctx.db, Prisma.sql`
    UPDATE "Environment" SET "state" = 'ready', "readyAt" = ${now}, "outputs" = ${JSON.stringify(outputs)}::jsonb, "updatedAt" = ${now}
    WHERE "id" = ${ctx.environment.id} AND "activeRunId" = ${ctx.run.id}`);
  await ctx.log("Environment is ready");
  return { status: "done" as const };
}

export const provisionRun: RunDefinition<StepServices> = {
  activeState: "provisioning",
  steps: [
    { name: "resolve_images", run: resolveImages },
    { name: "launch_instances", run: launchInstances },
    { name: "wait_for_running", run: (ctx) => waitForInstances(ctx, { target: "running", describe: "are running" }) },
    { name: "record_outputs", run: recordOutputs },
    { name: "mark_ready", run: markReady },
  ],
};
