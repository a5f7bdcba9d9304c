// The shared shape of "wait until the cloud has finished": parks the run (no worker is held)
// until the instance poller sees every instance of the environment settle. The poller advances
// the step itself when the wait is over (lib/instances/instance-waits.ts); the step runs again
// only when the wait ended otherwise (an instance died, a timeout) or the wait was over by the
// time it parked.
import type { StepContext, StepOutcome } from "../../lib/runs/run-definition";
import { CloudFailure } from "../../lib/errors";
import type { OutputInstance } from "../../lib/instances/compute-outputs";
import { settledMessage, SETTLED_INSTANCE_JSON, waitOverSql, waitsOnOwnInstances, type WaitTarget } from "../../lib/instances/instance-waits";
import { WAIT_FALLBACK_MS, type StepServices } from "./services";
import { sqlRows } from "../../lib/db/sql";
import { Prisma } from "../../lib/db/generated/client";

type Progress = { waitingSince?: string };
type InstanceRow = { state: string; launchedByRunId: string; instance: OutputInstance };

export async function waitForInstances(context: StepContext<StepServices>, options: { target: WaitTarget; expected: string[] }): Promise<StepOutcome> {
  const { target } = options;
  const progress = (context.step.output ?? {}) as Progress;
  const ownOnly = waitsOnOwnInstances(context.run.kind, target);
  const isOver = waitOverSql(context.environment.id, target, ownOnly ? context.run.id : undefined);
  if (!progress.waitingSince) {
    // Just launched (or terminated): nothing can have settled yet worth a read; the statement
    // that parks the run checks whether the wait is already over.
    context.saveProgress({ waitingSince: new Date().toISOString() });
    if (options.expected.length > 0) context.log(`Waiting for ${options.expected.length} instance(s) to be ${target}: ${options.expected.join(", ")}`);
    // The instance rows are committed with the statement that parks the run: only then can the
    // poller see them, so it is told to look fast after that, not when the cloud call returned.
    return { status: "wait", retryInMs: WAIT_FALLBACK_MS, reason: `Waiting for instances to be ${target}`, isOver, afterPark: context.services.kickPoller };
  }

  const all = await sqlRows<InstanceRow>(context.db, Prisma.sql`
    SELECT i."state", i."launchedByRunId", ${SETTLED_INSTANCE_JSON} AS instance
    FROM "Instance" i WHERE i."environmentId" = ${context.environment.id} ORDER BY i."launchedAt", i."cloudId"`);
  if (target === "running") {
    const died = all.filter((i) => i.launchedByRunId === context.run.id && (i.state === "terminated" || i.state === "shutting-down"));
    if (died.length > 0) throw new CloudFailure(`Instance ${died.map((i) => `${instanceOf(i).id} (${i.state})`).join(", ")} stopped existing before it was running`);
  }
  const instances = target === "running" ? all.filter((i) => i.state !== "terminated") : all;
  // Anything not yet in the target state is waited for (a stopped or running row while
  // terminating included): "done" must mean confirmed.
  const waiting = instances.filter((i) => i.state !== target && (!ownOnly || i.launchedByRunId === context.run.id));
  if (waiting.length === 0) {
    context.log(settledMessage(instances.length, target));
    return { status: "done", output: { instances: instances.map(instanceOf) } };
  }
  if (Date.now() - Date.parse(progress.waitingSince) > context.services.runWaitTimeoutMs) {
    throw new CloudFailure(
      `Timed out after ${Math.round(context.services.runWaitTimeoutMs / 1000)} s waiting for ${waiting.map((i) => `${instanceOf(i).id} (${i.state})`).join(", ")} to be ${target}`,
    );
  }
  return { status: "wait", retryInMs: WAIT_FALLBACK_MS, reason: `Waiting for ${waiting.length} instance(s) to be ${target}`, isOver };
}

function instanceOf(row: InstanceRow): OutputInstance {
  return row.instance;
}
