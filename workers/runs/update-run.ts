// update: moves a ready environment to another template version (or new parameters) with no
// moment where it has nothing running: launch the groups that are replaced or added -> wait for
// them to run -> switch the environment (version, parameters, plan, outputs, lease) -> terminate
// the instances of replaced and removed groups -> ready. Groups that did not change keep their
// instances. Until the switch, a failure or cancel undoes the run (terminates what it launched)
// and the environment stays ready on its previous version; after it, a failure leaves the
// environment failed at the step, and a retry finishes the job.
import { Prisma } from "../../lib/db/generated/client";
import type { RunDefinition, StepContext } from "../../lib/runs/run-definition";
import { computeOutputs, type OutputInstance } from "../../lib/instances/compute-outputs";
import { parseUpdateInput } from "../../lib/environments/update-input";
import { launchedIds, launchInstancesStep, resolveImagesStep, terminateInstancesOf } from "./launch-steps";
import type { StepServices } from "./services";
import { waitForInstances } from "./wait-for-instances";

type Ctx = StepContext<StepServices>;

/** EC2's eventual consistency settles in seconds. */
const UNSEEN_RETRY_MS = 3000;

const inputOf = (ctx: Ctx) => parseUpdateInput(ctx.run.input);
const groupsToLaunch = (ctx: Ctx) => {
  const input = inputOf(ctx);
  return input.plan.groups.filter((group) => input.launch.includes(group.name));
};

async function switchVersion(ctx: Ctx) {
  const input = inputOf(ctx);
  // What the environment is made of after the update: everything but the retired groups' old instances.
  const kept = await ctx.db.instance.findMany({
    where: {
      environmentId: ctx.environment.id,
      state: { notIn: ["terminated", "shutting-down"] },
      NOT: { groupName: { in: input.retire }, launchedByRunId: { not: ctx.run.id } },
    },
    orderBy: [{ launchedAt: "asc" }, { cloudId: "asc" }],
  });
  const instances = kept.map(
    (i): OutputInstance => ({ group: i.groupName, id: i.cloudId, type: i.instanceType, zone: i.availabilityZone, privateIp: i.privateIp, publicIp: i.publicIp, privateDns: i.privateDns, publicDns: i.publicDns }),
  );
  const outputs = await computeOutputs(ctx.db, { ...ctx.environment, templateVersionId: input.toVersionId, parameters: input.parameters as Prisma.JsonObject }, instances);
  ctx.log(`Switched ${ctx.environment.name} to version ${input.toVersion}${Object.keys(outputs).length > 0 ? `; outputs: ${Object.entries(outputs).map(([k, v]) => `${k}=${v}`).join(", ")}` : ""}`);
  return {
    status: "done" as const,
    output: { outputs },
    environment: {
      templateVersionId: Prisma.sql`${input.toVersionId}`,
      parameters: Prisma.sql`${JSON.stringify(input.parameters)}::jsonb`,
      plan: Prisma.sql`${JSON.stringify(input.plan)}::jsonb`,
      outputs: Prisma.sql`${JSON.stringify(outputs)}::jsonb`,
      expiresAt: Prisma.sql`${new Date(input.expiresAt)}`,
    },
  };
}

async function terminateOld(ctx: Ctx) {
  const { retire } = inputOf(ctx);
  if (retire.length === 0) return { status: "done" as const, output: { terminated: [] } };
  const result = await terminateInstancesOf(ctx, { groups: retire, notLaunchedByRun: ctx.run.id });
  if (result.status === "wait") return { status: "wait" as const, retryInMs: UNSEEN_RETRY_MS, reason: "Waiting for EC2 to list the instances being replaced" };
  return { status: "done" as const, output: { terminated: result.terminated } };
}

function markReady(ctx: Ctx) {
  const input = inputOf(ctx);
  ctx.log(`Environment is ready on version ${input.toVersion} (was version ${input.fromVersion})`);
  return Promise.resolve({ status: "done" as const, environment: { state: Prisma.sql`'ready'` } });
}

export const updateRun: RunDefinition<StepServices> = {
  steps: [
    { name: "resolve_images", run: resolveImagesStep(groupsToLaunch) },
    { name: "launch_instances", run: launchInstancesStep(groupsToLaunch) },
    { name: "wait_for_running", run: (ctx) => waitForInstances(ctx, { target: "running", expected: launchedIds(ctx) }) },
    { name: "switch_version", run: switchVersion },
    { name: "terminate_old", run: terminateOld },
    { name: "mark_ready", run: markReady },
  ],
  async rollback(ctx, failure) {
    // Once switched, the new version is the environment's: finishing (a retry) is the way forward.
    if (ctx.outputOf("switch_version") !== undefined) return undefined;
    const input = inputOf(ctx);
    const result = await terminateInstancesOf(ctx, { launchedByRun: ctx.run.id });
    if (result.status === "wait") throw new Error(`EC2 does not list ${result.unseen.join(", ")} yet (launched moments ago); undoing the update again shortly`);
    const undone = result.terminated.length > 0 ? `terminated what it launched (${result.terminated.join(", ")})` : "nothing had been launched";
    return {
      environment: { state: Prisma.sql`'ready'`, failedStep: Prisma.sql`NULL`, failureReason: Prisma.sql`NULL` },
      note: `The update to version ${input.toVersion} was ${failure.canceled ? "canceled" : "not completed"} and was undone: ${undone}. ${ctx.environment.name} stays on version ${input.fromVersion}, unchanged.`,
    };
  },
};
