import { describe, expect, it } from "vitest";
import { LocalTokenBucketLimiter } from "./local-limiter";

function fakeClock() {
  const clock = {
    now: 0,
    sleeps: [] as number[],
    sleep: async (ms: number) => {
      clock.sleeps.push(ms);
    },
  };
  return clock;
}

const run = { accountId: "acc", region: "us-east-1", action: "RunInstances" };

describe("LocalTokenBucketLimiter", () => {
  it("lets the burst through, then spaces requests at the refill rate with the safety factor", async () => {
    const clock = fakeClock();
    const limiter = new LocalTokenBucketLimiter({ now: () => clock.now, sleep: clock.sleep });
    await Promise.all(Array.from({ length: 8 }, () => limiter.acquire(run)));
    const interval = 1000 / (2 * 0.97);
    expect(clock.sleeps).toHaveLength(4); // 5 burst tokens less 1 of headroom, 4 callers wait
    clock.sleeps.forEach((ms, i) => expect(ms).toBeCloseTo((i + 1) * interval, 6));
  });

  it("refills with time and never above the burst", async () => {
    const clock = fakeClock();
    const limiter = new LocalTokenBucketLimiter({ now: () => clock.now, sleep: clock.sleep, safetyFactor: 1, burstHeadroom: 0 });
    for (let i = 0; i < 5; i += 1) await limiter.acquire(run);
    clock.now += 1000; // +2 tokens
    await limiter.acquire(run);
    await limiter.acquire(run);
    expect(clock.sleeps).toEqual([]);
    await limiter.acquire(run);
    expect(clock.sleeps).toEqual([500]);

    clock.now += 3_600_000; // a long quiet period refills only up to the burst
    clock.sleeps.length = 0;
    for (let i = 0; i < 6; i += 1) await limiter.acquire(run);
    expect(clock.sleeps).toHaveLength(1);
  });

  it("keeps separate buckets per account, region and category", async () => {
    const clock = fakeClock();
    const limiter = new LocalTokenBucketLimiter({
      now: () => clock.now,
      sleep: clock.sleep,
      limits: { runInstances: { burst: 1, refillPerSecond: 1 } },
    });
    await limiter.acquire(run);
    await limiter.acquire({ ...run, accountId: "other" });
    await limiter.acquire({ ...run, region: "eu-west-1" });
    await limiter.acquire({ ...run, action: "DescribeInstances" });
    expect(clock.sleeps).toEqual([]);
    await limiter.acquire(run);
    expect(clock.sleeps).toHaveLength(1);
  });

  it("does nothing for an account whose limiting is off", async () => {
    const clock = fakeClock();
    const limiter = new LocalTokenBucketLimiter({ now: () => clock.now, sleep: clock.sleep, accountLimits: { acc: "off" } });
    await Promise.all(Array.from({ length: 50 }, () => limiter.acquire(run)));
    expect(clock.sleeps).toEqual([]);
  });
});
