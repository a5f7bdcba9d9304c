// destroy: terminate everything the environment owns (batched) -> confirm terminated (poller)
// -> destroyed (its name becomes free for reuse).
import { Prisma } from "../../lib/db/generated/client";
import type { RunDefinition, StepContext } from "../../lib/runs/execute-run";
import { terminateEnvironmentInstances } from "../../lib/instances/terminate-environment-instances";
import type { StepServices } from "./services";
import { waitForInstances } from "./wait-for-instances";

type Ctx = StepContext<StepServices>;

/** EC2's eventual consistency settles in seconds; each look costs a Describe (and a Terminate). */
const UNSEEN_RETRY_MS = 3000;

async function terminateInstances(ctx: Ctx) {
  const cloud = await ctx.services.providers.providerFor(ctx.environment.cloudAccountId, ctx.environment.region);
  const result = await terminateEnvironmentInstances({
    db: ctx.db,
    provider: cloud,
    cloudAccountId: ctx.environment.cloudAccountId,
    environmentId: ctx.environment.id,
    runId: ctx.run.id,
    notFoundGraceMs: ctx.services.notFoundGraceMs,
    log: ctx.log,
  });
  if (result.status === "wait") {
    if (ctx.step.output === null) {
      await ctx.saveProgress({ waitingForVisibility: result.unseen });
      await ctx.log(`EC2 does not list ${result.unseen.join(", ")} yet (launched moments ago); looking again shortly`);
    }
    return { status: "wait" as const, retryInMs: UNSEEN_RETRY_MS };
  }
  ctx.services.kickPoller();
  return { status: "done" as const, output: { terminated: result.terminated } };
}

async function markDestroyed(ctx: Ctx) {
  await ctx.db.environment.updateMany({
    where: { id: ctx.environment.id, activeRunId: ctx.run.id },
    // Outputs name addresses that no longer exist; the run history keeps what they were.
    data: { state: "destroyed", destroyedAt: new Date(), liveName: null, outputs: Prisma.DbNull },
  });
  await ctx.log("Environment destroyed");
  return { status: "done" as const };
}

export const destroyRun: RunDefinition<StepServices> = {
  activeState: "destroying",
  steps: [
    { name: "terminate_instances", run: terminateInstances },
    { name: "wait_for_terminated", run: (ctx) => waitForInstances(ctx, { target: "terminated", describe: "are terminated" }) },
    { name: "mark_destroyed", run: markDestroyed },
  ],
};
