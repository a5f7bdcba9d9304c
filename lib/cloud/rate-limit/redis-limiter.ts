// Token buckets in Redis, shared by every worker process on every machine, so 20 workers
// together still respect one AWS account's EC2 request buckets. One Lua script refills and
// reserves atomically, timed by the Redis server's clock (TIME) so machines with skewed clocks
// agree. A reservation takes a token now, letting the bucket go negative, and returns when it
// may be used: waiters are served in arrival order with no polling, and a caller facing a long
// wait can park its work instead of sleeping in a worker slot.
import { createHash } from "node:crypto";
import type { Redis } from "ioredis";
import { RESERVATION_HOLD_MS, resolveLimit, type LimiterLimitsOptions, type RateLimitScope, type RequestRateLimiter } from "./limits";

// Returns the ms until the reserved token may be used (0: now). KEYS[2], when given, names what
// the token pays for: a second reservation under that name returns the first one's slot.
const TAKE_SCRIPT = `
local burst = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local hold = tonumber(ARGV[3])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
if #KEYS > 1 then
  local slot = tonumber(redis.call('GET', KEYS[2]))
  if slot then
    return math.max(0, math.ceil(slot - now))
  end
end
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1])
local at = tonumber(state[2])
if tokens == nil or at == nil then
  tokens = burst
  at = now
end
if now > at then
  tokens = math.min(burst, tokens + (now - at) * rate / 1000)
  at = now
end
tokens = tokens - 1
local wait = 0
if tokens < 0 then
  wait = math.ceil(-tokens * 1000 / rate)
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(at))
redis.call('PEXPIRE', KEYS[1], math.ceil((burst - tokens) * 1000 / rate) + 1000)
if #KEYS > 1 then
  redis.call('SET', KEYS[2], tostring(now + wait), 'PX', math.ceil(wait + hold))
end
return wait
`;
const TAKE_SHA = createHash("sha1").update(TAKE_SCRIPT).digest("hex");

export interface RedisLimiterOptions extends LimiterLimitsOptions {
  redis: Redis;
  /** Key prefix, e.g. the install's HANGAR_REDIS_PREFIX; keys are <prefix>:ratelimit:<account>:<region>:<bucket>. */
  prefix?: string;
  /** Upper bound of the random extra sleep added to each wait (default 20 ms). */
  maxJitterMs?: number;
  /**
   * Called when Redis fails; the request then goes through unlimited (fail open): the limiter
   * only prevents throttling, which the retry layer still handles, while failing closed would
   * stop every cloud call during a Redis blip.
   */
  onError?: (error: unknown) => void;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export class RedisTokenBucketLimiter implements RequestRateLimiter {
  private readonly prefix: string;
  private readonly maxJitterMs: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;

  constructor(private readonly options: RedisLimiterOptions) {
    this.prefix = options.prefix ?? "hangar";
    this.maxJitterMs = options.maxJitterMs ?? 20;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.random = options.random ?? Math.random;
  }

  async acquire(scope: RateLimitScope): Promise<void> {
    const waitMs = await this.reserve(scope);
    if (waitMs > 0) await this.sleep(waitMs + this.random() * this.maxJitterMs);
  }

  async reserve(scope: RateLimitScope, options: { key?: string } = {}): Promise<number> {
    const limit = resolveLimit(this.options, scope);
    if (!limit) return 0;
    const bucket = `${this.prefix}:ratelimit:${scope.accountId}:${scope.region}:${limit.bucket}`;
    const keys = options.key ? [bucket, `${this.prefix}:reservation:${options.key}`] : [bucket];
    try {
      return await this.take(keys, [String(limit.burst), String(limit.refillPerSecond), String(RESERVATION_HOLD_MS)]);
    } catch (error) {
      this.options.onError?.(error);
      return 0;
    }
  }

  private async take(keys: string[], args: string[]): Promise<number> {
    try {
      return Number(await this.options.redis.evalsha(TAKE_SHA, keys.length, ...keys, ...args));
    } catch (error) {
      // First use on this server (or after SCRIPT FLUSH): send the script itself once.
      if (!(error instanceof Error) || !error.message.startsWith("NOSCRIPT")) throw error;
      return Number(await this.options.redis.eval(TAKE_SCRIPT, keys.length, ...keys, ...args));
    }
  }
}
