// Cancel at every step boundary of a provision (one- and two-group templates) and of a destroy:
// the run stops before the next step that would change the cloud (or, when only bookkeeping
// was left, finishes), and whatever it stops at is consistent: the environment is failed at
// the step the run stopped before, says what exists, Postgres records exactly the instances
// the cloud has, and a retry from there completes the run.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../lib/db/client";
import { destroyEnvironment } from "../../lib/environments/destroy-environment";
import { requestEnvironment } from "../../lib/environments/request-environment";
import { cancelRun } from "../../lib/runs/cancel-run";
import { replaceFinishedJob, runJob } from "../../lib/queue/outbox";
import { retryRun } from "../../lib/runs/retry-run";
import { RUN_STEPS } from "../../lib/runs/run-steps";
import { createWorld, eventually, type World } from "../helpers/world";

let world: World;
/** Run id -> the step before which it is to be canceled. */
const cancelBefore = new Map<string, string>();
const canceledAt = new Map<string, string>();

beforeAll(async () => {
  world = await createWorld({ worker: false });
  await world.startWorker({
    runObserver: {
      async stepStarted({ runId, step }) {
        if (cancelBefore.get(runId) !== step || canceledAt.has(runId)) return;
        canceledAt.set(runId, step);
        await cancelRun(world.db, world.developer, { runId });
      },
    },
  });
}, 60_000);
afterAll(async () => {
  await world?.close();
});

async function finished(db: Db, runId: string) {
  return eventually(async () => {
    const run = await db.run.findUniqueOrThrow({ where: { id: runId }, include: { steps: { orderBy: { position: "asc" } } } });
    return run.state === "queued" || run.state === "running" ? undefined : run;
  }, { timeoutMs: 30_000, what: `run ${runId} to finish` });
}

/** Postgres and the cloud agree on the environment's instances. */
async function expectRecordedAsInCloud(environmentId: string) {
  const cloud = (await fetch(`${world.sandbox.url}/_sandbox/instances`).then((r) => r.json())) as { instances: { instanceId: string; tags: Record<string, string> }[] };
  const inCloud = cloud.instances.filter((i) => i.tags["hangar:env"] === environmentId).map((i) => i.instanceId).sort();
  const recorded = (await world.db.instance.findMany({ where: { environmentId } })).map((i) => i.cloudId).sort();
  expect(recorded).toEqual(inCloud);
  return inCloud.length;
}

/** A canceled run: stopped before one step, everything after it skipped, the environment failed there. */
async function expectCanceledConsistently(environmentId: string, runId: string) {
  const run = await finished(world.db, runId);
  const env = await world.db.environment.findUniqueOrThrow({ where: { id: environmentId } });
  if (run.state === "succeeded") return { run, env };
  expect(run.state).toBe("canceled");
  const stoppedAt = run.steps.findIndex((s) => s.name === run.failedStep);
  expect(stoppedAt).toBeGreaterThanOrEqual(0);
  expect(run.steps.slice(0, stoppedAt).every((s) => s.state === "succeeded")).toBe(true);
  expect(run.steps.slice(stoppedAt).every((s) => s.state === "skipped")).toBe(true);
  expect(env).toMatchObject({ state: "failed", failedStep: run.failedStep, activeRunId: null });
  const count = await expectRecordedAsInCloud(environmentId);
  expect(env.failureReason).toContain(`before step ${run.failedStep}. Left: `);
  expect(env.failureReason).toContain(count === 0 ? "no instances exist" : `${count} instance(s) exist`);
  return { run, env };
}

async function retryToEnd(runId: string) {
  await retryRun(world.db, world.developer, { runId });
  await replaceFinishedJob(world.queues.get, runJob(runId));
  return finished(world.db, runId);
}

// Steps after which only bookkeeping is left: the run may finish instead of stopping.
const MAY_FINISH = new Set(["record_outputs", "mark_ready", "mark_destroyed"]);

describe("cancel at every step boundary", () => {
  for (const template of ["web-dev", "service-stack"]) {
    for (const step of RUN_STEPS.provision) {
      it(`${template}: provision canceled before ${step}`, async () => {
        const { environmentId, runId, outbox } = await requestEnvironment(world.db, world.developer, { name: `cb-${template}-${step}`.replaceAll("_", "-"), template, parameters: {} });
        cancelBefore.set(runId, step);
        await world.relay(outbox);
        const { run } = await expectCanceledConsistently(environmentId, runId);
        if (run.state === "succeeded") {
          expect(MAY_FINISH.has(step), `a cancel before ${step} must stop the run`).toBe(true);
        } else {
          // Nothing that changes the cloud starts after a cancel: the read-only first step may run.
          expect(run.failedStep).toBe(step === "resolve_images" ? "launch_instances" : step);
          const retried = await retryToEnd(runId);
          expect(retried.state).toBe("succeeded");
        }
        const env = await world.db.environment.findUniqueOrThrow({ where: { id: environmentId } });
        expect(env.state).toBe("ready");
        await expectRecordedAsInCloud(environmentId);

        // And the destroy, canceled before each of its steps in turn on the same environment.
        const destroyStep = RUN_STEPS.destroy[RUN_STEPS.provision.indexOf(step) % RUN_STEPS.destroy.length]!;
        const destroy = await destroyEnvironment(world.db, world.developer, { environmentId });
        cancelBefore.set(destroy.runId, destroyStep);
        await world.relay(destroy.outbox);
        const canceledDestroy = await expectCanceledConsistently(environmentId, destroy.runId);
        if (canceledDestroy.run.state === "canceled") {
          expect(canceledDestroy.run.failedStep).toBe(destroyStep);
          expect((await retryToEnd(destroy.runId)).state).toBe("succeeded");
        } else {
          expect(MAY_FINISH.has(destroyStep)).toBe(true);
        }
        expect((await world.db.environment.findUniqueOrThrow({ where: { id: environmentId } })).state).toBe("destroyed");
        expect(await world.db.instance.count({ where: { environmentId, state: { not: "terminated" } } })).toBe(0);
      }, 60_000);
    }
  }
});
