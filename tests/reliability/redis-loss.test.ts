// Redis loses everything mid-flight (FLUSHDB; a restart with no data, as a failover to an empty
// replica): queues, parked jobs, locks, budget buckets and wake-ups are gone. Postgres still
// knows every run, and the poller leader re-drives them all as soon as it sees the loss.
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { expectFleetConsistent, requestMix, useStack, waitForAll } from "./fleet";

const stackOf = useStack({ limits: "aws", workers: 2, concurrency: 20 });

describe("Redis losing its data", () => {
  it("FLUSHDB 0.3 s after 20 requests: every run is re-driven from Postgres and completes", async () => {
    const stack = stackOf();
    const envs = await requestMix(stack, 20, "flush");
    await sleep(300);
    await stack.redis.flushdb();
    const tookMs = await waitForAll(stack.db, envs, "ready", 90_000);
    expect(stack.output().some((line) => line.includes("Redis has none of Hangar's data"))).toBe(true);
    await expectFleetConsistent(stack.db, await stack.sandbox.instances(), envs);
    // 30 launches at EC2's 2/s take ~15 s alone; re-driving must not add more than the goal (30 s).
    expect(tookMs).toBeLessThan(45_000);
  }, 120_000);

  it("redis-server restarted empty mid-flight: workers reconnect and every environment completes", async () => {
    const stack = stackOf();
    const envs = await requestMix(stack, 20, "failover");
    await sleep(1000);
    await stack.restartRedis(500);
    await waitForAll(stack.db, envs, "ready", 90_000);
    await expectFleetConsistent(stack.db, await stack.sandbox.instances(), envs);
    expect(stack.workers.every((w) => w.alive)).toBe(true);
  }, 120_000);
});
