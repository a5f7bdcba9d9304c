// SIGKILL workers at random points while 100 environments (one- and two-group templates mixed)
// are provisioned under EC2's request limits, then destroyed: every environment ends ready with
// exactly its instances (no group launched twice, nothing untagged or unrecorded), and then
// destroyed with nothing left running. Three worker processes; one is killed every 1.5-4 s and
// started again 0.5-2 s later.
import { describe, expect, it } from "vitest";
import { destroyEnvironment } from "../../lib/environments/destroy-environment";
import { enqueueOutbox } from "../../lib/queue/outbox";
import { expectFleetConsistent, requestMix, startKilling, useStack, waitForAll } from "./fleet";

const stackOf = useStack({ limits: "aws", workers: 3, concurrency: 20 });

describe("workers killed at random points", () => {
  it("every environment becomes ready with exactly its instances, and is destroyed", async () => {
    const stack = stackOf();
    const killer = startKilling(stack);
    try {
      const envs = await requestMix(stack, 100, "kill");
      await waitForAll(stack.db, envs, "ready", 240_000);
      await expectFleetConsistent(stack.db, await stack.sandbox.instances(), envs);
      const userVisibleThrottling = await stack.db.runStep.count({ where: { error: { contains: "RequestLimitExceeded" } } });
      expect(userVisibleThrottling).toBe(0);

      for (const env of envs) {
        const destroy = await destroyEnvironment(stack.db, stack.caller, { environmentId: env.environmentId });
        await enqueueOutbox(stack.queues.get, [destroy.outbox]);
      }
      await waitForAll(stack.db, envs, "destroyed", 120_000);
      const left = (await stack.sandbox.instances()).filter((i) => i.state !== "terminated" && i.state !== "shutting-down");
      expect(left.map((i) => i.instanceId)).toEqual([]);
    } finally {
      await killer.stop();
    }
    // The kills hit runs in flight, not idle workers only.
    expect(killer.kills.length).toBeGreaterThanOrEqual(5);
    expect(killer.kills.some((k) => k.leases > 0)).toBe(true);
  }, 480_000);
});
