// Against the real Redis (REDIS_URL or the local one), with a key prefix unique to this run.
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RedisTokenBucketLimiter } from "./redis-limiter";

const prefix = `hangar-test-${randomUUID()}`;
let redisA: Redis;
let redisB: Redis;

beforeAll(() => {
  const url = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
  redisA = new Redis(url, { lazyConnect: false });
  redisB = new Redis(url, { lazyConnect: false });
});

afterAll(async () => {
  const keys = await redisA.keys(`${prefix}:*`);
  if (keys.length > 0) await redisA.del(...keys);
  await Promise.all([redisA.quit(), redisB.quit()]);
});

describe("RedisTokenBucketLimiter", () => {
  it("shares one bucket between two limiter instances (two worker processes)", async () => {
    const limits = { runInstances: { burst: 2, refillPerSecond: 20 } };
    // Two instances on two connections, as two workers on two machines would be.
    const a = new RedisTokenBucketLimiter({ redis: redisA, prefix, limits });
    const b = new RedisTokenBucketLimiter({ redis: redisB, prefix, limits });
    const scope = { accountId: "acc-shared", region: "us-east-1", action: "RunInstances" };

    const started = performance.now();
    await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? a : b).acquire(scope)));
    const elapsedMs = performance.now() - started;

    const expectedMs = ((20 - 2) / (20 * 0.97)) * 1000; // ~928 ms
    expect(elapsedMs).toBeGreaterThan(expectedMs * 0.9);
    // Unshared buckets would finish in ~410 ms; the upper bound only guards against a stuck waiter.
    expect(elapsedMs).toBeLessThan(expectedMs * 3);
    const key = `${prefix}:ratelimit:acc-shared:us-east-1:runInstances`;
    expect(await redisA.exists(key)).toBe(1);
    expect(await redisA.pttl(key)).toBeGreaterThan(0); // idle buckets expire by themselves
  });

  it("lets the burst through at once and keeps accounts apart", async () => {
    const limiter = new RedisTokenBucketLimiter({ redis: redisA, prefix, limits: { nonMutating: { burst: 5, refillPerSecond: 1 } }, burstHeadroom: 0 });
    const started = performance.now();
    await Promise.all(
      Array.from({ length: 5 }, () => limiter.acquire({ accountId: "acc-x", region: "eu-west-1", action: "DescribeInstances" })),
    );
    await Promise.all(
      Array.from({ length: 5 }, () => limiter.acquire({ accountId: "acc-y", region: "eu-west-1", action: "DescribeInstances" })),
    );
    expect(performance.now() - started).toBeLessThan(300);
  });

  it("fails open when Redis is unreachable", async () => {
    const broken = new Redis("redis://127.0.0.1:1", {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      retryStrategy: () => null,
    });
    const errors: unknown[] = [];
    const limiter = new RedisTokenBucketLimiter({ redis: broken, prefix, onError: (error) => errors.push(error) });
    await limiter.acquire({ accountId: "acc", region: "us-east-1", action: "RunInstances" });
    expect(errors).toHaveLength(1);
    broken.disconnect();
  });
});
