// provision: resolve images -> launch every group (ClientToken recorded first, tags on create,
// within the account's launch budget) -> wait for running (the batched poller advances it) ->
// compute outputs -> ready.
import type { RunDefinition, StepContext } from "../../lib/runs/run-definition";
import { computeOutputs, type OutputInstance } from "../../lib/instances/compute-outputs";
import type { Plan } from "../../lib/templates/resolve-plan";
import type { StepServices } from "./services";
import { launchedIds, launchInstancesStep, resolveImagesStep } from "./launch-steps";
import { waitForInstances } from "./wait-for-instances";
import { Prisma } from "../../lib/db/generated/client";

type Ctx = StepContext<StepServices>;

const planOf = (ctx: Ctx) => ctx.environment.plan as unknown as Plan;
const allGroups = (ctx: Ctx) => planOf(ctx).groups;

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

export const provisionRun: RunDefinition<StepServices> = {
  steps: [
    { name: "resolve_images", run: resolveImagesStep(allGroups) },
    { name: "launch_instances", run: launchInstancesStep(allGroups) },
    { name: "wait_for_running", run: (ctx) => waitForInstances(ctx, { target: "running", expected: launchedIds(ctx) }) },
    { name: "record_outputs", run: recordOutputs },
    { name: "mark_ready", run: markReady },
  ],
};
