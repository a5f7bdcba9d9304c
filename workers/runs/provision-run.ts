// provision: resolve images -> launch every group (ClientToken recorded first, tags on create,
// within the account's launch budget) -> wait for running (the batched poller advances it) ->
// compute outputs -> ready.
import type { RunDefinition, StepContext } from "../../lib/runs/run-definition";
import { CloudFailure } from "../../lib/errors";
import { launchGroups, type LaunchOperation } from "../../lib/instances/launch-groups";
import { launchRequest, postgresLaunchLedger } from "../../lib/instances/launch-ledger";
import { computeOutputs, type OutputInstance } from "../../lib/instances/compute-outputs";
import { newId } from "../../lib/db/ids";
import type { Plan } from "../../lib/templates/resolve-plan";
import type { StepServices } from "./services";
import { waitForInstances } from "./wait-for-instances";
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
    ctx.log(`Group ${group.name}: using ${newest.id} (${newest.name})`);
  }
  return { status: "done" as const, output: images };
}

/** Longer waits for the account's RunInstances budget park the run instead of holding a worker slot. */
const PARK_AFTER_MS = 1000;

type LaunchProgress = { operations: LaunchOperation[] };

/** The launch ledger when this execution already knows it (see LedgerScope.known), else null: read it. */
function knownOperations(ctx: Ctx): LaunchOperation[] | null {
  if (ctx.step.attempt === 1 && !ctx.step.resumed) return [];
  if (ctx.step.resumed) return (ctx.step.output as LaunchProgress | null)?.operations ?? null;
  return null;
}

async function launchInstances(ctx: Ctx) {
  const cloud = await provider(ctx);
  const result = await launchGroups({
    runId: ctx.run.id,
    round: ctx.run.retryCount,
    groups: planOf(ctx).groups,
    images: ctx.outputOf<ImageChoice>("resolve_images") ?? {},
    ledger: postgresLaunchLedger({
      db: ctx.db,
      runId: ctx.run.id,
      environment: ctx.environment,
      cloudAccountId: ctx.environment.cloudAccountId,
      region: cloud.region,
      commit: ctx.commit,
      defer: ctx.defer,
      known: knownOperations(ctx),
    }),
    cloud: {
      reserve: (key) => cloud.reserveRequest("RunInstances", key),
      launch: async (request, options) => {
        await ctx.fresh();
        return cloud.launch(request, options);
      },
    },
    buildRequest: (group, imageId, candidate) => launchRequest(ctx.run, ctx.environment, group, imageId, candidate),
    newId,
    log: ctx.log,
    parkAfterMs: PARK_AFTER_MS,
  });
  if (result.status === "wait") {
    ctx.log(`${result.reason}: launching in ~${Math.ceil(result.retryInMs / 1000)} s`);
    ctx.saveProgress({ operations: result.operations } satisfies LaunchProgress);
    return result;
  }
  return { status: "done" as const, output: result.launched };
}

async function recordOutputs(ctx: Ctx) {
  const settled = ctx.outputOf<{ instances?: OutputInstance[] }>("wait_for_running")?.instances;
  const outputs = await computeOutputs(ctx.db, ctx.environment, settled);
  if (Object.keys(outputs).length > 0) ctx.log(`Outputs: ${Object.entries(outputs).map(([k, v]) => `${k}=${v}`).join(", ")}`);
  return { status: "done" as const, output: outputs };
}

/** Outputs become visible together with the ready state (written with the run's end). */
async function markReady(ctx: Ctx) {
  const outputs = ctx.outputOf<Record<string, string>>("record_outputs") ?? (await computeOutputs(ctx.db, ctx.environment));
  ctx.log("Environment is ready");
  return {
    status: "done" as const,
    environment: { state: Prisma.sql`'ready'`, readyAt: Prisma.sql`${new Date()}`, outputs: Prisma.sql`${JSON.stringify(outputs)}::jsonb` },
  };
}

function launchedIds(ctx: Ctx): string[] {
  return Object.values(ctx.outputOf<Record<string, string[]>>("launch_instances") ?? {}).flat();
}

export const provisionRun: RunDefinition<StepServices> = {
  steps: [
    { name: "resolve_images", run: resolveImages },
    { name: "launch_instances", run: launchInstances },
    { name: "wait_for_running", run: (ctx) => waitForInstances(ctx, { target: "running", expected: launchedIds(ctx) }) },
    { name: "record_outputs", run: recordOutputs },
    { name: "mark_ready", run: markReady },
  ],
};
