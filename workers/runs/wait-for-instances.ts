// The shared shape of "wait until the cloud has finished": parks the run (no worker is held)
// until the poller sees every instance of the environment settle, then checks the result.
import type { StepContext, StepOutcome } from "../../lib/runs/execute-run";
import { CloudFailure } from "../../lib/errors";
import type { OutputInstance } from "../../lib/instances/compute-outputs";
import { WAIT_FALLBACK_MS, type StepServices } from "./services";
import { sqlRows } from "../../lib/db/sql";
import { Prisma } from "../../lib/db/generated/client";

type Progress = { waitingSince?: string };
type InstanceRow = {
  cloudId: string;
  state: string;
  launchedByRunId: string;
  groupName: string;
  instanceType: string;
  availabilityZone: string | null;
  privateIp: string | null;
  publicIp: string | null;
  privateDns: string | null;
  publicDns: string | null;
};

export async function waitForInstances(
  context: StepContext<StepServices>,
  options: { target: "running" | "terminated"; describe: string },
): Promise<StepOutcome> {
  const all = await sqlRows<InstanceRow>(context.db, Prisma.sql`
    SELECT "cloudId", "state", "launchedByRunId", "groupName", "instanceType", "availabilityZone", "privateIp", "publicIp", "privateDns", "publicDns"
    FROM "Instance" WHERE "environmentId" = ${context.environment.id} ORDER BY "launchedAt"`);
  if (options.target === "running") {
    const died = all.filter((i) => i.launchedByRunId === context.run.id && (i.state === "terminated" || i.state === "shutting-down"));
    if (died.length > 0) throw new CloudFailure(`Instance ${died.map((i) => `${i.cloudId} (${i.state})`).join(", ")} stopped existing before it was running`);
  }
  const instances = options.target === "running" ? all.filter((i) => i.state !== "terminated") : all;
  // Anything not yet in the target state is waited for (a stopped or running row while
  // terminating included): "done" must mean confirmed.
  const waiting = instances.filter((i) => i.state !== options.target);
  if (waiting.length === 0) {
    await context.log(`All ${instances.length} instance(s) ${options.describe}`);
    // The settled instances, as outputs reference them: the next step needs no query of its own.
    const settledInstances: OutputInstance[] = instances.map((i) => ({
      group: i.groupName,
      id: i.cloudId,
      type: i.instanceType,
      zone: i.availabilityZone,
      privateIp: i.privateIp,
      publicIp: i.publicIp,
      privateDns: i.privateDns,
      publicDns: i.publicDns,
    }));
    return { status: "done", output: { instances: settledInstances } };
  }
  const progress = (context.step.output ?? {}) as Progress;
  if (!progress.waitingSince) {
    await context.saveProgress({ waitingSince: new Date().toISOString() });
    await context.log(`Waiting for ${waiting.length} instance(s) to be ${options.target}: ${waiting.map((i) => i.cloudId).join(", ")}`);
  } else if (Date.now() - Date.parse(progress.waitingSince) > context.services.runWaitTimeoutMs) {
    throw new CloudFailure(
      `Timed out after ${Math.round(context.services.runWaitTimeoutMs / 1000)} s waiting for ${waiting.map((i) => `${i.cloudId} (${i.state})`).join(", ")} to be ${options.target}`,
    );
  }
  return { status: "wait", retryInMs: WAIT_FALLBACK_MS, isOver: () => settled(context, options.target) };
}

/**
 * Re-checked right after the job is parked: the poller may have seen the instances settle
 * between this step's check and the parking, and its wake-up would then have found nothing
 * parked to wake.
 */
async function settled(context: StepContext<StepServices>, target: "running" | "terminated"): Promise<boolean> {
  const settledStates = target === "running" ? ["running", "terminated"] : ["terminated"];
  const [row] = await sqlRows<{ unsettled: boolean }>(context.db, Prisma.sql`
    SELECT EXISTS (SELECT 1 FROM "Instance" WHERE "environmentId" = ${context.environment.id} AND NOT ("state" = ANY(${settledStates}::text[]))) AS unsettled`);
  return !row?.unsettled;
}
