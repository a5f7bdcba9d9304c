// The run engine on real Postgres, Redis and the sandbox: two-group launches under EC2's limits
// (no livelock, the wait shown), cancel (queued: at once; running: at the next step boundary,
// saying what it left), retry from the failed step, and the lease that fences a worker which
// lost its run.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Prisma } from "../lib/db/generated/client";
import { getEnvironment } from "../lib/environments/get-environment";
import { requestEnvironment } from "../lib/environments/request-environment";
import { claimRun } from "../lib/runs/claim-run";
import { cancelRun } from "../lib/runs/cancel-run";
import { requestCancel } from "../lib/runs/request-cancel";
import { LeaseLost } from "../lib/runs/run-definition";
import { retryRun } from "../lib/runs/retry-run";
import { silentNotifier } from "../lib/runs/run-events";
import { RunWriter } from "../lib/runs/run-writer";
import { replaceFinishedJob, runJob } from "../lib/queue/outbox";
import { createWorld, eventually, type World } from "./helpers/world";

let world: World;
beforeAll(async () => {
  world = await createWorld();
});
afterAll(async () => {
  await world?.close();
});
beforeEach(() => {
  world.sandbox.config.reset({ timings: "fast", limits: "off" });
  world.sandbox.counters.reset();
});

const calls = (action: string) => world.sandbox.counters.list({ action }).reduce((sum, row) => sum + row.total, 0);

async function request(name: string, template = "web-dev", parameters: Record<string, unknown> = {}) {
  const requested = await requestEnvironment(world.db, world.developer, { name, template, parameters });
  await world.relay(requested.outbox);
  return requested;
}

async function settled(environmentId: string, states: string[], timeoutMs = 30_000) {
  return eventually(
    async () => {
      const env = await getEnvironment(world.db, world.developer, environmentId);
      const run = env.runs[0];
      return states.includes(env.state) && run && run.state !== "running" && run.state !== "queued" ? env : undefined;
    },
    { timeoutMs, what: `environment ${environmentId} to be ${states.join(" or ")}` },
  );
}

async function withAwsLimits<T>(fn: () => Promise<T>): Promise<T> {
  world.sandbox.config.apply({ limits: "aws" });
  await world.db.cloudAccount.update({ where: { id: world.ids.cloudAccountId }, data: { rateLimitMode: "aws" } });
  await world.worker?.close();
  await world.startWorker();
  try {
    return await fn();
  } finally {
    await world.db.cloudAccount.update({ where: { id: world.ids.cloudAccountId }, data: { rateLimitMode: "off" } });
    await world.worker?.close();
    await world.startWorker();
  }
}

describe("run engine", () => {
  it("launches two-group environments under EC2's limits without a livelock, showing the budget wait", async () => {
    await withAwsLimits(async () => {
      const envs = await Promise.all(Array.from({ length: 14 }, (_, i) => request(`stack-burst-${i}`, "service-stack", { replicas: 1 })));
      // Some launch waits its turn in the account's budget line, and the view says so.
      const waiting = await eventually(
        async () => {
          const steps = await world.db.runStep.findMany({ where: { name: "launch_instances", state: "waiting", run: { environmentId: { in: envs.map((e) => e.environmentId) } } } });
          return steps.find((s) => s.waitReason?.startsWith("Queued for the cloud account's launch budget") && s.resumeAt);
        },
        { timeoutMs: 15_000, what: "a launch waiting for the budget" },
      );
      const view = await getEnvironment(world.db, world.developer, (await world.db.run.findUniqueOrThrow({ where: { id: waiting.runId } })).environmentId);
      const step = view.runs[0]!.steps.find((s) => s.name === "launch_instances")!;
      expect(step.waitReason).toMatch(/^Queued for the cloud account's launch budget .* to launch group (app|db)$/);
      expect(step.resumeAt).toBeInstanceOf(Date);
      const logged = await world.db.runLog.findFirst({ where: { runId: waiting.runId, message: { contains: "launching in ~" } } });
      expect(logged?.message).toMatch(/launching in ~\d+ s$/);

      const results = await Promise.all(envs.map((e) => settled(e.environmentId, ["ready", "failed"], 60_000)));
      expect(results.map((r) => r.state)).toEqual(envs.map(() => "ready"));
      expect(calls("RunInstances")).toBe(28);
      expect(world.sandbox.counters.list().filter((row) => row.errors.RequestLimitExceeded)).toEqual([]);
      // One token per launch: two per environment, never more however often a run woke up.
      const ops = await world.db.cloudOperation.groupBy({ by: ["environmentId"], where: { action: "RunInstances", environmentId: { in: envs.map((e) => e.environmentId) } }, _count: true });
      expect(ops.every((row) => row._count === 2)).toBe(true);
    });
  }, 90_000);

  it("cancels a queued run at once: the environment is failed before anything started, and can be retried", async () => {
    await world.worker?.close();
    try {
      const { environmentId, runId } = await requestEnvironment(world.db, world.developer, { name: "cancel-queued", template: "web-dev", parameters: {} });
      const result = await cancelRun(world.db, world.developer, { runId });
      expect(result.state).toBe("canceled");
      const env = await getEnvironment(world.db, world.developer, environmentId);
      expect(env.state).toBe("failed");
      expect(env.failureReason).toBe("Canceled by dev@hangar.local before it started. Left: no instances exist");
      expect(env.runs[0]).toMatchObject({ state: "canceled", failedStep: "resolve_images", retryFrom: "resolve_images", canCancel: false });
      expect(env.runs[0]!.steps.every((s) => s.state === "skipped")).toBe(true);
      await expect(cancelRun(world.db, world.developer, { runId })).rejects.toThrow(/already canceled/);
      const audit = await world.db.auditEvent.findFirst({ where: { action: "run.cancel", targetId: runId } });
      expect(audit?.actorEmail).toBe("dev@hangar.local");

      const retried = await retryRun(world.db, world.developer, { runId });
      expect(retried.fromStep).toBe("resolve_images");
      await world.startWorker();
      await replaceFinishedJob(world.queues.get, runJob(runId));
      expect((await settled(environmentId, ["ready", "failed"])).state).toBe("ready");
    } finally {
      if (!world.worker || !world.worker.healthy()) await world.startWorker();
    }
  });

  it("cancels a running run at its next step boundary, says what it left, and retries from that step without launching again", async () => {
    await world.worker?.close();
    let canceledRun: string | undefined;
    await world.startWorker({
      runObserver: {
        // Right before waiting for the instance: the launch is done, the wait not begun.
        async stepStarted({ runId, step }) {
          if (step === "wait_for_running" && !canceledRun) {
            canceledRun = runId;
            const result = await cancelRun(world.db, world.developer, { runId });
            expect(result.state).toBe("canceling");
          }
        },
      },
    });
    try {
      const { environmentId, runId } = await request("cancel-running");
      const env = await settled(environmentId, ["failed"]);
      expect(canceledRun).toBe(runId);
      const run = env.runs[0]!;
      expect(run).toMatchObject({ state: "canceled", failedStep: "wait_for_running", retryFrom: "wait_for_running" });
      expect(run.steps.map((s) => s.state)).toEqual(["succeeded", "succeeded", "skipped", "skipped", "skipped"]);
      const instance = env.instances[0]!;
      expect(env.failureReason).toMatch(new RegExp(`^Canceled by dev@hangar\\.local before step wait_for_running\\. Left: 1 instance\\(s\\) exist: ${instance.cloudId} \\((pending|running)\\)$`));
      const logs = await world.db.runLog.findMany({ where: { runId }, orderBy: { id: "asc" } });
      expect(logs.some((l) => l.message === "Canceled by dev@hangar.local; stopped before step wait_for_running")).toBe(true);

      const retried = await retryRun(world.db, world.developer, { runId });
      expect(retried.fromStep).toBe("wait_for_running");
      await replaceFinishedJob(world.queues.get, runJob(runId));
      const ready = await settled(environmentId, ["ready", "failed"]);
      expect(ready.state).toBe("ready");
      expect(ready.runs[0]).toMatchObject({ id: runId, state: "succeeded", retryCount: 1 });
      expect(calls("RunInstances")).toBe(1);
      expect(ready.instances.map((i) => i.cloudId)).toEqual([instance.cloudId]);
    } finally {
      await world.worker?.close();
      await world.startWorker();
    }
  });

  it("retries a failed launch from its failed step: finished steps are kept, every zone is tried again", async () => {
    world.sandbox.config.apply({ faults: { capacity: ["a", "b", "c", "d", "e", "f"].map((z) => ({ zone: `us-east-1${z}` })) } });
    const { environmentId, runId } = await request("retry-launch");
    const failed = await settled(environmentId, ["failed"]);
    expect(failed.failedStep).toBe("launch_instances");
    expect(failed.runs[0]).toMatchObject({ state: "failed", retryFrom: "launch_instances" });
    await expect(retryRun(world.db, world.admin, { runId: "00000000-0000-4000-8000-000000000000" })).rejects.toThrow(/not found/);

    world.sandbox.config.reset({ timings: "fast", limits: "off" });
    const retried = await retryRun(world.db, world.developer, { runId });
    expect(retried.fromStep).toBe("launch_instances");
    await replaceFinishedJob(world.queues.get, runJob(runId));
    const ready = await settled(environmentId, ["ready", "failed"]);
    expect(ready.state).toBe("ready");
    const steps = Object.fromEntries(ready.runs[0]!.steps.map((s) => [s.name, s.attempt]));
    expect(steps.resolve_images).toBe(1);
    expect(steps.launch_instances).toBe(2);
    const ops = await world.db.cloudOperation.findMany({ where: { runId, action: "RunInstances" }, orderBy: { createdAt: "asc" } });
    expect(ops.map((op) => op.state)).toEqual(["failed", "failed", "failed", "failed", "failed", "failed", "succeeded"]);
    await expect(retryRun(world.db, world.developer, { runId })).rejects.toThrow(/only a failed or canceled run can be retried/);
  });

  it("a claim waiting on a destroy that cancels its run does not take the environment afterwards", async () => {
    await world.worker?.close();
    try {
      const { runId, environmentId } = await requestEnvironment(world.db, world.developer, { name: "claim-race", template: "web-dev", parameters: {} });
      let claimed: Awaited<ReturnType<typeof claimRun>> | undefined;
      await world.db.$transaction(async (tx) => {
        // As a destroy does: the environment locked, its queued run canceled, then commit.
        await tx.$queryRaw`SELECT "id" FROM "Environment" WHERE "id" = ${environmentId} FOR UPDATE`;
        const claim = claimRun(world.db, { runId, owner: "worker-a/race", leaseMs: 5000 }).then((c) => (claimed = c));
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(claimed, "the claim waits for the environment's lock").toBeUndefined();
        await requestCancel(tx, [runId], "Superseded by a test");
        void claim;
      });
      await eventually(async () => claimed);
      expect(claimed).toEqual({ status: "finished", state: "canceled" });
      const env = await world.db.environment.findUniqueOrThrow({ where: { id: environmentId } });
      expect(env).toMatchObject({ state: "failed", activeRunId: null });
    } finally {
      await world.startWorker();
    }
  });

  it("a run retried and canceled before it starts again names the step it would have resumed at", async () => {
    await world.worker?.close();
    try {
      const { runId } = await requestEnvironment(world.db, world.developer, { name: "retry-cancel", template: "web-dev", parameters: {} });
      await world.db.runStep.updateMany({ where: { runId, name: "resolve_images" }, data: { state: "succeeded", attempt: 1 } });
      await cancelRun(world.db, world.developer, { runId });
      const first = await world.db.run.findUniqueOrThrow({ where: { id: runId } });
      expect(first.failedStep).toBe("launch_instances");
      await retryRun(world.db, world.developer, { runId });
      await cancelRun(world.db, world.developer, { runId });
      const again = await world.db.run.findUniqueOrThrow({ where: { id: runId }, include: { steps: { orderBy: { position: "asc" } } } });
      expect(again).toMatchObject({ state: "canceled", failedStep: "launch_instances" });
      expect(again.steps.map((s) => s.state)).toEqual(["succeeded", "skipped", "skipped", "skipped", "skipped"]);
    } finally {
      await world.startWorker();
    }
  });

  it("a worker that lost a run's lease writes nothing; the new holder carries on", async () => {
    await world.worker?.close();
    try {
      const { runId, environmentId } = await requestEnvironment(world.db, world.developer, { name: "lease-fence", template: "web-dev", parameters: {} });
      const first = await claimRun(world.db, { runId, owner: "worker-a/1", leaseMs: 300 });
      expect(first.status).toBe("claimed");
      expect((await claimRun(world.db, { runId, owner: "worker-b/1", leaseMs: 5000 })).status).toBe("leased");
      const writerA = new RunWriter({ db: world.db, runId, environmentId, owner: "worker-a/1", leaseMs: 300, notifier: silentNotifier });
      await writerA.write(); // renews while it still holds the run
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect((await claimRun(world.db, { runId, owner: "worker-b/1", leaseMs: 5000 })).status).toBe("claimed");

      writerA.log("resolve_images", "written by a worker that lost the run");
      await expect(
        writerA.write({ effects: [(fence) => Prisma.sql`UPDATE "Environment" SET "failureReason" = 'A was here' WHERE "id" = ${environmentId} AND ${fence}`] }),
      ).rejects.toBeInstanceOf(LeaseLost);
      expect(writerA.signal.aborted).toBe(true);
      expect(await world.db.runLog.count({ where: { runId } })).toBe(0);
      expect((await world.db.environment.findUniqueOrThrow({ where: { id: environmentId } })).failureReason).toBeNull();

      const writerB = new RunWriter({ db: world.db, runId, environmentId, owner: "worker-b/1", leaseMs: 5000, notifier: silentNotifier });
      writerB.log("resolve_images", "written by the holder");
      await writerB.write();
      expect((await world.db.runLog.findMany({ where: { runId } })).map((l) => l.message)).toEqual(["written by the holder"]);
      const run = await world.db.run.findUniqueOrThrow({ where: { id: runId } });
      expect(run.leaseOwner).toBe("worker-b/1");
    } finally {
      await world.startWorker();
    }
  });
});
