// Brute-force throttling on real Redis: blocks after the threshold, doubling with each further
// failure up to the cap, per key, shared by every process using the same prefix; a success
// clears the account; and password sign-in refuses a blocked account before checking it.
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { Throttled } from "../lib/errors";
import { blockSeconds, Throttle, SIGN_IN_ACCOUNT, type ThrottleRule } from "../lib/identity/throttle";
import { signInThrottled } from "../lib/identity/throttled-sign-in";
import { testRedisPrefix } from "./helpers/database";
import { createWorld, type World } from "./helpers/world";

const rule: ThrottleRule = { failures: 3, windowSeconds: 60, firstBlockSeconds: 2, maxBlockSeconds: 8 };
let redis: Redis;
let world: World;
beforeAll(async () => {
  redis = new Redis(inject("redisUrl"), { maxRetriesPerRequest: 1 });
  world = await createWorld({ worker: false });
});
afterAll(async () => {
  redis?.disconnect();
  await world?.close();
});

describe("blockSeconds", () => {
  it("is zero below the threshold, then doubles up to the cap", () => {
    expect([1, 2, 3, 4, 5, 6, 50].map((n) => blockSeconds(rule, n))).toEqual([0, 0, 2, 4, 8, 8, 8]);
    expect(blockSeconds(SIGN_IN_ACCOUNT, 4)).toBe(0);
    expect(blockSeconds(SIGN_IN_ACCOUNT, 5)).toBe(30);
  });
});

describe("Throttle", () => {
  it("blocks a key after its failures, across instances sharing Redis, and not other keys", async () => {
    const prefix = testRedisPrefix();
    const a = new Throttle(redis, prefix, "t", rule);
    const b = new Throttle(redis, prefix, "t", rule); // another web process
    await a.failure("alice");
    await b.failure("alice");
    expect(await a.blockedFor("alice")).toBe(0);
    await a.failure("alice");
    const blocked = await b.blockedFor("alice");
    expect(blocked).toBeGreaterThanOrEqual(1);
    expect(blocked).toBeLessThanOrEqual(2);
    await expect(b.check("alice", "tries")).rejects.toBeInstanceOf(Throttled);
    expect(await a.blockedFor("bob")).toBe(0);
    await a.failure("alice");
    expect(await a.blockedFor("alice")).toBeGreaterThan(2); // doubled
    await a.success("alice");
    expect(await a.blockedFor("alice")).toBe(0);
  });

  it("fails open when Redis is unreachable, and says so", async () => {
    const broken = new Redis("redis://127.0.0.1:1", { maxRetriesPerRequest: 0, lazyConnect: true, enableOfflineQueue: false, retryStrategy: () => null });
    const errors: unknown[] = [];
    const throttle = new Throttle(broken, "x", "t", rule, (error) => errors.push(error));
    await throttle.failure("k");
    expect(await throttle.blockedFor("k")).toBe(0);
    expect(errors.length).toBeGreaterThan(0);
    broken.disconnect();
  });
});

describe("signInThrottled", () => {
  it("blocks an account after repeated wrong passwords, even for the right one, until it expires", async () => {
    const prefix = testRedisPrefix();
    const throttles = { signInAccount: new Throttle(redis, prefix, "acct", rule), signInAddress: new Throttle(redis, prefix, "ip", { ...rule, failures: 100 }) };
    const email = "dev@hangar.local";
    const attempt = (password: string) => signInThrottled(world.db, throttles, { email, password, context: { ip: "198.51.100.1" } });
    expect(await attempt("test-password")).not.toBeNull();
    for (let i = 0; i < 3; i += 1) expect(await attempt("wrong")).toBeNull();
    const refused = await attempt("test-password").catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(Throttled);
    expect((refused as Throttled).message).toMatch(/Too many failed sign-ins for this account; try again in \d+ s/);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    expect(await attempt("test-password")).not.toBeNull();
    // The success cleared the count: one more mistake does not block.
    expect(await attempt("wrong")).toBeNull();
    expect(await throttles.signInAccount.blockedFor(email)).toBe(0);
  });

  it("refuses a parallel burst instead of checking every guess before any failure counts", async () => {
    const prefix = testRedisPrefix();
    const throttles = { signInAccount: new Throttle(redis, prefix, "acct", rule), signInAddress: new Throttle(redis, prefix, "ip", { ...rule, failures: 100 }) };
    const attempts = await Promise.allSettled(
      Array.from({ length: 12 }, () => signInThrottled(world.db, throttles, { email: "admin@hangar.local", password: "wrong", context: { ip: "198.51.100.2" } })),
    );
    const checked = attempts.filter((a) => a.status === "fulfilled");
    const refused = attempts.filter((a) => a.status === "rejected");
    expect(checked.length).toBeLessThanOrEqual(rule.failures);
    expect(refused.length).toBeGreaterThan(0);
    for (const r of refused) expect((r).reason).toBeInstanceOf(Throttled);
  });
});
