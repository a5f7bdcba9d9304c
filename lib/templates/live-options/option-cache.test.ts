import { describe, expect, it } from "vitest";
import { OptionCache } from "./option-cache";

describe("OptionCache", () => {
  it("answers from memory within the TTL, with the time the answer was fetched, and asks again after", async () => {
    let now = 1_000;
    let calls = 0;
    const cache = new OptionCache({ ttlMs: 60_000, now: () => now });
    const load = async () => ++calls;
    expect(await cache.get("k", load)).toEqual({ value: 1, cachedAt: new Date(1_000) });
    now += 59_999;
    expect(await cache.get("k", load)).toEqual({ value: 1, cachedAt: new Date(1_000) });
    now += 1;
    expect(await cache.get("k", load)).toEqual({ value: 2, cachedAt: new Date(61_000) });
  });

  it("shares one call between concurrent misses and keeps no failure", async () => {
    const cache = new OptionCache();
    let calls = 0;
    const slow = () => new Promise<number>((resolve) => setTimeout(() => resolve(++calls), 10));
    const answers = await Promise.all(Array.from({ length: 20 }, () => cache.get("k", slow)));
    expect(new Set(answers.map((a) => a.value))).toEqual(new Set([1]));
    await expect(cache.get("bad", () => Promise.reject(new Error("throttled")))).rejects.toThrow("throttled");
    expect(await cache.get("bad", async () => "fine")).toMatchObject({ value: "fine" });
  });

  it("drops the least recently used entry when full", async () => {
    const cache = new OptionCache({ maxEntries: 2 });
    await cache.get("a", async () => "a");
    await cache.get("b", async () => "b");
    await cache.get("a", async () => "a again"); // a is now the most recent
    await cache.get("c", async () => "c");
    expect(cache.size).toBe(2);
    expect((await cache.get("a", async () => "reloaded")).value).toBe("a");
    expect((await cache.get("b", async () => "reloaded")).value).toBe("reloaded");
  });
});
