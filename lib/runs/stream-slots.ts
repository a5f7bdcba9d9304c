// A cap on the live event streams one user holds open, across every web process. Each open
// stream is a member of the user's sorted set in Redis, scored with when it expires; the process
// holding it pushes that time forward every third of the TTL. A stream that is closed removes
// itself; one whose process crashed simply expires, so its slot comes back within the TTL.
// Counting and claiming happen in one script, so two processes cannot both take the last slot.
// Redis' own clock is used, so processes with skewed clocks agree on what has expired.
import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";

const CLAIM = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then return 0 end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[3])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]))
return 1`;

const RENEW = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local renewed = redis.call('ZADD', KEYS[1], 'XX', 'CH', now + tonumber(ARGV[1]), ARGV[2])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[1]))
return renewed`;

export type StreamSlot = { release: () => Promise<void> };

export class StreamSlots {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    /** Streams one user may hold open (HANGAR_MAX_STREAMS_PER_USER). */
    readonly max: number,
    private readonly ttlMs = 30_000,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  private key(userId: string): string {
    return `${this.prefix}:streams:${userId}`;
  }

  /** A slot for one more stream of the user, or null when they hold `max` already. */
  async claim(userId: string): Promise<StreamSlot | null> {
    const key = this.key(userId);
    const member = randomUUID();
    const claimed = await this.redis.eval(CLAIM, 1, key, this.max, this.ttlMs, member);
    if (claimed !== 1) return null;
    const renew = setInterval(() => {
      this.redis.eval(RENEW, 1, key, this.ttlMs, member).catch(this.onError);
    }, Math.max(10, Math.floor(this.ttlMs / 3)));
    renew.unref?.();
    let released = false;
    return {
      release: async () => {
        if (released) return;
        released = true;
        clearInterval(renew);
        await this.redis.zrem(key, member).catch(this.onError);
      },
    };
  }

  /** Streams the user holds open now (expired ones not counted). */
  async count(userId: string): Promise<number> {
    const [seconds, micros] = await this.redis.time();
    const now = Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
    return this.redis.zcount(this.key(userId), `(${now}`, "+inf");
  }
}
