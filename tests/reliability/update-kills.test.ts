// SIGKILL workers at random points while 40 ready environments (one- and two-group templates
// mixed) are updated under EC2's request limits: dev boxes to a bigger size (their one group
// replaced), service stacks to one more app replica (the app group replaced, the database kept).
// Every update ends with the environment ready on its new parameters and exactly its planned
// instances running: each replaced group launched once by its update run (one ClientToken), the
// old instances terminated, the kept database untouched, nothing untagged.
import { describe, expect, it } from "vitest";
import { applyUpgrade } from "../../lib/environments/apply-upgrade";
import { enqueueOutbox } from "../../lib/queue/outbox";
import { requestMix, startKilling, useStack, waitForAll, type Requested } from "./fleet";

const stackOf = useStack({ limits: "aws", workers: 3, concurrency: 20 });

/** The new parameters of an environment of the mix, and the groups its update replaces. */
function updateOf(env: Requested): { parameters: Record<string, unknown>; expected: Record<string, number>; replaced: string[] } {
  if ("web" in env.expected) return { parameters: { size: "t3.small" }, expected: { web: 1 }, replaced: ["web"] };
  const replicas = env.expected.app! + 1;
  return { parameters: { replicas }, expected: { app: replicas, db: 1 }, replaced: ["app"] };
}

describe("workers killed while environments are updated", () => {
  it("every update ends ready with exactly its planned instances, each replaced group launched once", async () => {
    const stack = stackOf();
    const envs = await requestMix(stack, 40, "upd");
    await waitForAll(stack.db, envs, "ready", 180_000);
    const before = await stack.sandbox.instances();
    const dbOf = (id: string) => before.find((i) => i.tags["hangar:env"] === id && i.tags["hangar:group"] === "db")?.instanceId;

    // Updates of ready environments are quick: kill three times as often to hit them in flight.
    const killer = startKilling(stack, 3);
    const updates: { env: Requested; runId: string; update: ReturnType<typeof updateOf> }[] = [];
    try {
      for (const env of envs) {
        const update = updateOf(env);
        const applied = await applyUpgrade(stack.db, stack.caller, { environmentId: env.environmentId, parameters: update.parameters });
        await enqueueOutbox(stack.queues.get, [applied.outbox]);
        updates.push({ env, runId: applied.runId, update });
      }
      await waitForUpdates(stack, updates.map((u) => u.runId), 240_000);
    } finally {
      await killer.stop();
    }

    const cloud = await stack.sandbox.instances();
    const live = cloud.filter((i) => i.state !== "terminated" && i.state !== "shutting-down");
    expect(live.filter((i) => i.tags["hangar:managed-by"] !== "hangar" || !i.tags["hangar:run"]).map((i) => i.instanceId), "untagged").toEqual([]);
    for (const { env, runId, update } of updates) {
      const row = await stack.db.environment.findUniqueOrThrow({ where: { id: env.environmentId } });
      expect(row.state).toBe("ready");
      expect(row.parameters).toMatchObject(update.parameters);
      const mine = live.filter((i) => i.tags["hangar:env"] === env.environmentId);
      for (const [group, count] of Object.entries(update.expected)) {
        const ofGroup = mine.filter((i) => i.tags["hangar:group"] === group);
        expect(ofGroup.length, `${env.environmentId} ${group}: running instances`).toBe(count);
        expect(new Set(ofGroup.map((i) => i.clientToken)).size, `${env.environmentId} ${group}: launched once`).toBe(1);
        if (update.replaced.includes(group)) expect(ofGroup.every((i) => i.tags["hangar:run"] === runId), `${env.environmentId} ${group}: from the update`).toBe(true);
      }
      expect(mine.length, `${env.environmentId}: no other running instances`).toBe(Object.values(update.expected).reduce((a, b) => a + b, 0));
      if ("db" in update.expected) expect(mine.find((i) => i.tags["hangar:group"] === "db")?.instanceId, "the database is kept").toBe(dbOf(env.environmentId));
      const launches = await stack.db.cloudOperation.count({ where: { runId, action: "RunInstances", state: "succeeded" } });
      expect(launches, `${env.environmentId}: the update's launches`).toBe(update.replaced.length);
    }
    // Every kill fell while updates were in flight (the killer stops once they are all done);
    // whether a worker held a run's lease at that instant or the run was parked is left to chance.
    expect(killer.kills.length).toBeGreaterThanOrEqual(3);
  }, 480_000);
});

async function waitForUpdates(stack: ReturnType<typeof stackOf>, runIds: string[], timeoutMs: number): Promise<void> {
  const started = Date.now();
  for (;;) {
    const runs = await stack.db.run.findMany({ where: { id: { in: runIds } }, select: { id: true, state: true, error: true, failedStep: true } });
    const failed = runs.filter((r) => r.state === "failed" || r.state === "canceled");
    if (failed.length > 0) throw new Error(`${failed.length} update(s) ended ${failed[0]!.state} at ${failed[0]!.failedStep}: ${failed[0]!.error}`);
    if (runs.every((r) => r.state === "succeeded")) return;
    if (Date.now() - started > timeoutMs) throw new Error(`${runs.filter((r) => r.state === "succeeded").length}/${runIds.length} updates done after ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
