// destroy: terminate everything the environment owns (batched) -> confirm terminated (the
// poller advances it) -> destroyed (its name becomes free for reuse).
import { Prisma } from "../../lib/db/generated/client";
import type { RunDefinition, StepContext } from "../../lib/runs/run-definition";
import { providerOf, terminateInstancesOf } from "./launch-steps";
import { releaseEnvironmentAddresses } from "../../lib/deployments/service-addresses";
import type { StepServices } from "./services";
import { waitForInstances } from "./wait-for-instances";

type Ctx = StepContext<StepServices>;

/** EC2's eventual consistency settles in seconds; each look costs a Describe (and a Terminate). */
const UNSEEN_RETRY_MS = 3000;

async function terminateInstances(ctx: Ctx) {
  const result = await terminateInstancesOf(ctx);
  if (result.status === "wait") {
    if (ctx.step.output === null) {
      ctx.saveProgress({ waitingForVisibility: result.unseen });
      ctx.log(`EC2 does not list ${result.unseen.join(", ")} yet (launched moments ago); looking again shortly`);
    }
    return { status: "wait" as const, retryInMs: UNSEEN_RETRY_MS, reason: "Waiting for EC2 to list instances launched moments ago" };
  }
  return { status: "done" as const, output: { terminated: result.terminated } };
}

async function markDestroyed(ctx: Ctx) {
  // Elastic IPs of services deployed here are the account's until released (EC2 bills idle ones).
  await releaseEnvironmentAddresses(ctx, () => providerOf(ctx));
  ctx.log("Environment destroyed");
  // Outputs name addresses that no longer exist; the run history keeps what they were.
  return {
    status: "done" as const,
    environment: { state: Prisma.sql`'destroyed'`, destroyedAt: Prisma.sql`${new Date()}`, liveName: Prisma.sql`NULL`, outputs: Prisma.sql`NULL` },
  };
}

export const destroyRun: RunDefinition<StepServices> = {
  steps: [
    { name: "terminate_instances", run: terminateInstances },
    {
      name: "wait_for_terminated",
      run: (ctx) => waitForInstances(ctx, { target: "terminated", expected: ctx.outputOf<{ terminated: string[] }>("terminate_instances")?.terminated ?? [] }),
    },
    { name: "mark_destroyed", run: markDestroyed },
  ],
};
