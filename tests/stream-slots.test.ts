// The per-user cap on live streams, on real Redis: claimed and released across "processes"
// (instances sharing a prefix), atomically at the last slot, and a crashed process's slots
// (never released, never renewed) come back when their TTL runs out.
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { StreamSlots } from "../lib/runs/stream-slots";
import { testRedisPrefix } from "./helpers/database";

let redis: Redis;
let crashed: Redis;
beforeAll(() => {
  redis = new Redis(inject("redisUrl"), { maxRetriesPerRequest: 1 });
  crashed = new Redis(inject("redisUrl"), { maxRetriesPerRequest: 1 });
});
afterAll(() => {
  redis?.disconnect();
  crashed?.disconnect();
});

describe("StreamSlots", () => {
  it("gives a user at most max streams across processes, and a released slot back", async () => {
    const prefix = testRedisPrefix();
    const web1 = new StreamSlots(redis, prefix, 3);
    const web2 = new StreamSlots(redis, prefix, 3);
    const held = [await web1.claim("u1"), await web2.claim("u1"), await web1.claim("u1")];
    expect(held.every(Boolean)).toBe(true);
    expect(await web2.claim("u1")).toBeNull();
    expect(await web1.claim("u2")).not.toBeNull(); // another user has their own
    await held[1]!.release();
    await held[1]!.release(); // twice is once
    expect(await web1.count("u1")).toBe(2);
    const again = await web2.claim("u1");
    expect(again).not.toBeNull();
    expect(await web1.claim("u1")).toBeNull();
    for (const slot of [held[0], held[2], again]) await slot!.release();
    expect(await web1.count("u1")).toBe(0);
  });

  it("never hands out the last slot twice, however many claims race for it", async () => {
    const prefix = testRedisPrefix();
    const processes = Array.from({ length: 5 }, () => new StreamSlots(redis, prefix, 4));
    const claims = await Promise.all(Array.from({ length: 40 }, (_, i) => processes[i % 5]!.claim("racer")));
    expect(claims.filter(Boolean)).toHaveLength(4);
    await Promise.all(claims.map((slot) => slot?.release() ?? Promise.resolve()));
  });

  it("keeps a live stream's slot past its TTL, and frees a crashed process's slots when theirs runs out", async () => {
    const prefix = testRedisPrefix();
    const alive = new StreamSlots(redis, prefix, 2, 300);
    const dying = new StreamSlots(crashed, prefix, 2, 300);
    const kept = await alive.claim("u");
    expect(await dying.claim("u")).not.toBeNull();
    expect(await alive.claim("u")).toBeNull();
    crashed.disconnect(); // the process is gone: no release, no renewal
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(await alive.count("u")).toBe(1); // the live one was renewed
    const next = await alive.claim("u");
    expect(next).not.toBeNull();
    await kept!.release();
    await next!.release();
  });
});
