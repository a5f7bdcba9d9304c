// Brute-force throttling for sign-in and API tokens, kept in Redis so every web process sees
// the same counts. Failures are counted per account and per client address over a window;
// past a threshold the key is blocked, and each further failure doubles the block (up to a cap),
// so a guesser slows down exponentially while a person who mistypes twice is never affected.
import type { Redis } from "ioredis";
import { RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import { Throttled } from "../errors";

export type ThrottleRule = {
  /** Failures allowed within the window before the key is blocked. */
  failures: number;
  windowSeconds: number;
  /** The first block; each further failure doubles it. */
  firstBlockSeconds: number;
  maxBlockSeconds: number;
};

export const SIGN_IN_ACCOUNT: ThrottleRule = { failures: 5, windowSeconds: 15 * 60, firstBlockSeconds: 30, maxBlockSeconds: 15 * 60 };
export const SIGN_IN_ADDRESS: ThrottleRule = { failures: 30, windowSeconds: 15 * 60, firstBlockSeconds: 60, maxBlockSeconds: 60 * 60 };
export const TOKEN_ADDRESS: ThrottleRule = { failures: 20, windowSeconds: 15 * 60, firstBlockSeconds: 60, maxBlockSeconds: 60 * 60 };

/** How long the block after the nth failure lasts: 0 until the threshold, then doubling. */
export function blockSeconds(rule: ThrottleRule, failures: number): number {
  if (failures < rule.failures) return 0;
  return Math.min(rule.maxBlockSeconds, rule.firstBlockSeconds * 2 ** Math.min(30, failures - rule.failures));
}

export class Throttle {
  private readonly counts: RateLimiterRedis;
  private readonly blocks: RateLimiterRedis;

  private readonly lockPrefix: string;

  constructor(
    private readonly redis: Redis,
    prefix: string,
    name: string,
    private readonly rule: ThrottleRule,
    /** Redis trouble: the throttle steps aside (fails open) rather than lock everyone out. */
    private readonly onError: (error: unknown) => void = () => {},
  ) {
    this.counts = new RateLimiterRedis({ storeClient: redis, keyPrefix: `${prefix}:throttle:${name}:n`, points: Number.MAX_SAFE_INTEGER, duration: rule.windowSeconds });
    this.blocks = new RateLimiterRedis({ storeClient: redis, keyPrefix: `${prefix}:throttle:${name}:b`, points: 1, duration: 1 });
    this.lockPrefix = `${prefix}:throttle:${name}:lock:`;
  }

  /**
   * One attempt per key at a time. Without it, parallel guesses all pass check() before any of
   * their failures is counted, so a burst would get many guesses per block. A second attempt
   * while one runs is refused at once (the lock lapses by itself if its process dies).
   */
  async oneAtATime<T>(key: string, what: string, run: () => Promise<T>): Promise<T> {
    const lock = `${this.lockPrefix}${key}`;
    let held: boolean;
    try {
      held = (await this.redis.set(lock, "1", "PX", 15_000, "NX")) === "OK";
    } catch (error) {
      this.onError(error);
      return run();
    }
    if (!held) throw new Throttled(`Another ${what} is being checked; try again in a moment`, 1);
    try {
      return await run();
    } finally {
      await this.redis.del(lock).catch(this.onError);
    }
  }

  /** Seconds until the key may try again (0: not blocked). */
  async blockedFor(key: string): Promise<number> {
    try {
      const res = await this.blocks.get(key);
      return res && res.consumedPoints > 1 ? Math.max(1, Math.ceil(res.msBeforeNext / 1000)) : 0;
    } catch (error) {
      this.onError(error);
      return 0;
    }
  }

  async failure(key: string): Promise<void> {
    try {
      const res = await this.counts.penalty(key, 1);
      const seconds = blockSeconds(this.rule, res instanceof RateLimiterRes ? res.consumedPoints : 1);
      if (seconds > 0) await this.blocks.block(key, seconds);
    } catch (error) {
      this.onError(error);
    }
  }

  async success(key: string): Promise<void> {
    await Promise.all([this.counts.delete(key), this.blocks.delete(key)]).catch(this.onError);
  }

  /** Throws Throttled while the key is blocked. */
  async check(key: string, what: string): Promise<void> {
    const seconds = await this.blockedFor(key);
    if (seconds > 0) throw new Throttled(`Too many failed ${what}; try again in ${formatWait(seconds)}`, seconds);
  }
}

function formatWait(seconds: number): string {
  return seconds < 90 ? `${seconds} s` : `${Math.ceil(seconds / 60)} min`;
}
