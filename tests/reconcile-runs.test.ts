// A run Postgres says is queued or running must have a live job in Redis. When Redis lost it,
// the leader enqueues it again; when its job failed for good without the failure being
// recorded, the run is failed and the environment's lease released. Fresh and healthy runs
// are left alone.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requestEnvironment } from "../lib/environments/request-environment";
import { relayOutbox } from "../lib/queue/outbox";
import { QueueName } from "../lib/queue/queues";
import { reconcileRuns } from "../lib/runs/reconcile-runs";
import { silentNotifier } from "../lib/runs/run-events";
import { createWorld, type World } from "./helpers/world";

let world: World;
beforeAll(async () => {
  world = await createWorld({ worker: false });
});
afterAll(async () => {
  await world?.close();
});

async function run(name: string, quietForMs: number) {
  const { environmentId, runId } = await requestEnvironment(world.db, world.developer, { name, template: "web-dev", parameters: {} });
  await world.db.run.update({ where: { id: runId }, data: { updatedAt: new Date(Date.now() - quietForMs) } });
  return { environmentId, runId };
}

describe("reconcileRuns", () => {
  it("re-enqueues runs whose job is gone, fails runs whose job failed unrecorded, leaves the rest", async () => {
    const queue = world.queues.get(QueueName.runs);
    const lost = await run("rec-lost", 600_000);
    const failed = await run("rec-failed", 600_000);
    const healthy = await run("rec-healthy", 600_000);
    const fresh = await run("rec-fresh", 0);
    await queue.add("execute-run", { runId: healthy.runId }, { jobId: healthy.runId, delay: 60_000 });
    await queue.add("execute-run", { runId: failed.runId }, { jobId: failed.runId, delay: 60_000 });
    // As BullMQ leaves a job that exhausted its attempts: in the failed set, with its finish time.
    await world.queues.connection.zadd(queue.toKey("failed"), Date.now(), failed.runId);
    await world.queues.connection.hset(queue.toKey(failed.runId), "finishedOn", String(Date.now()));
    await world.db.environment.update({ where: { id: failed.environmentId }, data: { activeRunId: failed.runId, state: "provisioning" } });

    const result = await reconcileRuns(world.db, world.queues, silentNotifier, { quietForMs: 120_000 });

    expect(result.requeued).toEqual([lost.runId]);
    expect(result.failed).toEqual([failed.runId]);
    expect(result.checked).toBe(3); // the fresh run is not looked at yet
    expect(await queue.getJobState(lost.runId)).toBe("waiting");
    expect((await queue.getJob(lost.runId))?.data).toEqual({ runId: lost.runId });
    expect(await queue.getJobState(fresh.runId)).toBe("unknown");
    const failedRun = await world.db.run.findUniqueOrThrow({ where: { id: failed.runId } });
    expect(failedRun.state).toBe("failed");
    const environment = await world.db.environment.findUniqueOrThrow({ where: { id: failed.environmentId } });
    expect(environment).toMatchObject({ state: "failed", activeRunId: null });

    // A run retried after its job finished gets a new job (the finished one is replaced).
    const retried = await run("rec-retried", 600_000);
    // As BullMQ leaves a completed job: out of the wait list, in the completed set.
    await queue.add("execute-run", { runId: retried.runId }, { jobId: retried.runId });
    await world.queues.connection.zadd(queue.toKey("completed"), Date.now() - 700_000, retried.runId);
    await world.queues.connection.hset(queue.toKey(retried.runId), "finishedOn", String(Date.now() - 700_000));
    await world.queues.connection.lrem(queue.toKey("wait"), 0, retried.runId);
    const afterRetry = await reconcileRuns(world.db, world.queues, silentNotifier, { quietForMs: 120_000 });
    expect(afterRetry.requeued).toEqual([retried.runId]);
    expect(await queue.getJobState(retried.runId)).toBe("waiting");

    // An environment still held by a run that ended is released (failed: nothing else will move it on).
    const held = await run("rec-held", 600_000);
    await world.db.run.update({ where: { id: held.runId }, data: { state: "canceled", finishedAt: new Date() } });
    await world.db.environment.update({ where: { id: held.environmentId }, data: { activeRunId: held.runId, state: "provisioning" } });
    const releasing = await reconcileRuns(world.db, world.queues, silentNotifier, { quietForMs: 120_000 });
    expect(releasing.released).toEqual([held.environmentId]);
    expect(await world.db.environment.findUniqueOrThrow({ where: { id: held.environmentId } })).toMatchObject({ activeRunId: null, state: "failed" });

    // A second pass changes nothing: the lost run has its job again.
    const again = await reconcileRuns(world.db, world.queues, silentNotifier, { quietForMs: 120_000 });
    expect(again.requeued).toEqual([]);
    expect(again.failed).toEqual([]);
    expect(again.released).toEqual([]);
  });
});

describe("relayOutbox", () => {
  it("adds jobs Redis does not have, replaces a job that finished before its row was written, and marks the rows", async () => {
    const queue = world.queues.get(QueueName.runs);
    const missing = await requestEnvironment(world.db, world.developer, { name: "relay-missing", template: "web-dev", parameters: {} });
    const retried = await requestEnvironment(world.db, world.developer, { name: "relay-retried", template: "web-dev", parameters: {} });
    // The retried run's first job finished long before its newest outbox row was written.
    await queue.add("execute-run", { runId: retried.runId }, { jobId: retried.runId });
    await world.queues.connection.lrem(queue.toKey("wait"), 0, retried.runId);
    await world.queues.connection.zadd(queue.toKey("completed"), Date.now() - 60_000, retried.runId);
    await world.queues.connection.hset(queue.toKey(retried.runId), "finishedOn", String(Date.now() - 60_000));
    await world.db.outboxMessage.updateMany({ where: { jobId: { in: [missing.runId, retried.runId] } }, data: { createdAt: new Date(Date.now() - 30_000) } });

    const added = await relayOutbox(world.db, world.queues.get, world.queues.connection, { olderThanMs: 5000 });
    expect(added).toBeGreaterThanOrEqual(2);
    expect(await queue.getJobState(missing.runId)).toBe("waiting");
    expect(await queue.getJobState(retried.runId)).toBe("waiting");
    const rows = await world.db.outboxMessage.findMany({ where: { jobId: { in: [missing.runId, retried.runId] } } });
    expect(rows.every((row) => row.enqueuedAt !== null)).toBe(true);
  });
});
