// In-process token buckets for the CLI, tests and single-process installs. Within one event
// loop a reservation is exact: each caller takes a token now (the bucket may go negative) and
// sleeps until its token has been refilled, so waiters are served in arrival order with no
// polling. Multi-process installs use RedisTokenBucketLimiter instead.
import { RESERVATION_HOLD_MS, resolveLimit, type LimiterLimitsOptions, type RateLimitScope, type RequestRateLimiter } from "./limits";

export interface LocalLimiterOptions extends LimiterLimitsOptions {
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

interface BucketState {
  tokens: number;
  updatedAt: number;
}

export class LocalTokenBucketLimiter implements RequestRateLimiter {
  private readonly buckets = new Map<string, BucketState>();
  /** Keyed reservations: name -> the time their token may be used. */
  private readonly slots = new Map<string, number>();
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: LocalLimiterOptions = {}) {
    this.now = options.now ?? (() => performance.now());
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  async acquire(scope: RateLimitScope): Promise<void> {
    const waitMs = await this.reserve(scope);
    if (waitMs > 0) await this.sleep(waitMs);
  }

  reserve(scope: RateLimitScope, options: { key?: string } = {}): Promise<number> {
    const limit = resolveLimit(this.options, scope);
    if (!limit) return Promise.resolve(0);
    const now = this.now();
    for (const [name, slot] of this.slots) if (slot + RESERVATION_HOLD_MS < now) this.slots.delete(name);
    const held = options.key === undefined ? undefined : this.slots.get(options.key);
    if (held !== undefined) return Promise.resolve(Math.max(0, held - now));
    const key = `${scope.accountId}:${scope.region}:${limit.bucket}`;
    const state = this.buckets.get(key) ?? { tokens: limit.burst, updatedAt: now };
    const refilled = Math.min(limit.burst, state.tokens + ((now - state.updatedAt) / 1000) * limit.refillPerSecond);
    const tokens = refilled - 1;
    this.buckets.set(key, { tokens, updatedAt: now });
    const wait = tokens < 0 ? (-tokens / limit.refillPerSecond) * 1000 : 0;
    if (options.key !== undefined) this.slots.set(options.key, now + wait);
    return Promise.resolve(wait);
  }
}
