// EC2 request throttling: one token bucket per account, region and action category. Buckets are
// refilled lazily from the elapsed time, so idle accounts cost nothing.
import type { Limits, ThrottleCategory } from "../config/schema";

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private limits: Limits) {}

  setLimits(limits: Limits): void {
    this.limits = limits;
    // New sizes take effect on a full bucket; keeping old fill levels would mix two regimes.
    this.buckets.clear();
  }

  /** Takes one token; false means the request must be answered with RequestLimitExceeded. */
  take(account: string, region: string, category: ThrottleCategory, now: number): boolean {
    if (!this.limits.enabled) return true;
    const spec = this.limits.buckets[category];
    const key = `${account}\u0000${region}\u0000${category}`;
    let bucket = this.buckets.get(key);
    if (bucket === undefined) {
      bucket = { tokens: spec.burst, updatedAt: now };
      this.buckets.set(key, bucket);
    } else {
      const refill = ((now - bucket.updatedAt) / 1000) * spec.refillPerSecond;
      bucket.tokens = Math.min(spec.burst, bucket.tokens + refill);
      bucket.updatedAt = now;
    }
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  clear(): void {
    this.buckets.clear();
  }
}
