// Postgres goes away for a moment mid-flight (a restart, a failover): statements in flight fail,
// jobs are retried with backoff, leases expire or are renewed, and every environment completes
// with exactly its instances. No worker process dies of it.
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { expectFleetConsistent, requestMix, useStack, waitForAll } from "./fleet";

const stackOf = useStack({ limits: "aws", workers: 2, concurrency: 20 });

describe("Postgres restarted mid-flight", () => {
  it("workers recover and every environment completes", async () => {
    const stack = stackOf();
    const envs = await requestMix(stack, 20, "pg");
    await sleep(1000);
    await stack.restartPostgres(1500);
    await waitForAll(stack.db, envs, "ready", 120_000);
    await expectFleetConsistent(stack.db, await stack.sandbox.instances(), envs);
    expect(stack.workers.every((w) => w.alive)).toBe(true);
  }, 180_000);
});
