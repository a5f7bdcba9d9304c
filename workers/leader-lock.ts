// A Redis lease so that exactly one of M worker processes runs a singleton loop (the poller).
// If the holder dies, its lease expires and another process takes over.
import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";

const RENEW = `if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("PEXPIRE", KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) else return 0 end`;

export class LeaderLock {
  private readonly holder = randomUUID();
  private held = false;

  constructor(private readonly redis: Redis, private readonly key: string, private readonly leaseMs: number) {}

  /** Whether this process held the lease at its last take or renewal. */
  get isHeld(): boolean {
    return this.held;
  }

  /** Takes or renews the lease; true while this process is the leader. */
  async ensure(): Promise<boolean> {
    if (this.held) {
      this.held = (await this.redis.eval(RENEW, 1, this.key, this.holder, String(this.leaseMs))) === 1;
      if (this.held) return true;
    }
    this.held = (await this.redis.set(this.key, this.holder, "PX", this.leaseMs, "NX")) === "OK";
    return this.held;
  }

  async release(): Promise<void> {
    if (!this.held) return;
    this.held = false;
    await this.redis.eval(RELEASE, 1, this.key, this.holder);
  }
}
