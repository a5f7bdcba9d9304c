// What every limiter shares: the interface callers see, and how the limit for one request is
// decided (EC2 defaults, per-account overrides, the safety factor).
import { EC2_REQUEST_LIMITS, ec2BucketFor, type BucketLimit, type Ec2Bucket } from "./ec2-buckets";

export interface RateLimitScope {
  /** Hangar CloudAccount id: EC2 buckets are per AWS account and region. */
  accountId: string;
  region: string;
  /** EC2 action, e.g. "RunInstances". */
  action: string;
}

export interface RequestRateLimiter {
  /** Resolves when the request may be sent. */
  acquire(scope: RateLimitScope): Promise<void>;
  /**
   * Takes a token now, possibly ahead of the refill, and returns the milliseconds until it may
   * be used. A caller facing a long wait can park its work instead of holding a worker slot.
   * With a `key` naming what the token pays for (one launch), reserving again returns the same
   * slot (the time left until it) without taking another token, until `RESERVATION_HOLD_MS`
   * after the slot: a parked, resumed, retried or crashed caller never pays twice.
   */
  reserve(scope: RateLimitScope, options?: { key?: string }): Promise<number>;
}

/** How long a keyed reservation is kept after its slot came round. */
export const RESERVATION_HOLD_MS = 10 * 60_000;

export const noRateLimiter: RequestRateLimiter = { acquire: async () => {}, reserve: async () => 0 };

/** "off" disables limiting for an account (e.g. an endpoint without throttling). */
export type AccountLimits = "off" | Partial<Record<Ec2Bucket, BucketLimit>>;

export interface LimiterLimitsOptions {
  /** Overrides of EC2's default buckets for every account. */
  limits?: Partial<Record<Ec2Bucket, BucketLimit>>;
  /** Per-account overrides (e.g. an account with raised limits), by Hangar account id. */
  accountLimits?: Record<string, AccountLimits> | ((accountId: string) => AccountLimits | undefined);
  /**
   * Share of the refill rate the client uses (default 0.97): staying just under the server's
   * rate absorbs latency jitter, so requests bunched by the network don't arrive too fast.
   */
  safetyFactor?: number;
  /** Tokens of the burst the client leaves unused (default 1), for the same reason. */
  burstHeadroom?: number;
}

export const DEFAULT_SAFETY_FACTOR = 0.97;
export const DEFAULT_BURST_HEADROOM = 1;

export interface ResolvedLimit extends BucketLimit {
  bucket: Ec2Bucket;
}

/** The effective limit for a request, or null when the account's limiting is off. */
export function resolveLimit(options: LimiterLimitsOptions, scope: RateLimitScope): ResolvedLimit | null {
  const bucket = ec2BucketFor(scope.action);
  const perAccount =
    typeof options.accountLimits === "function" ? options.accountLimits(scope.accountId) : options.accountLimits?.[scope.accountId];
  if (perAccount === "off") return null;
  const base = perAccount?.[bucket] ?? options.limits?.[bucket] ?? EC2_REQUEST_LIMITS[bucket];
  const safetyFactor = options.safetyFactor ?? DEFAULT_SAFETY_FACTOR;
  if (!(safetyFactor > 0 && safetyFactor <= 1)) throw new RangeError("safetyFactor must be in (0, 1]");
  // One token of headroom in the burst as well: requests granted together can reach EC2 late and
  // bunched (a slow network or a busy process), and the spare token absorbs that.
  const headroom = options.burstHeadroom ?? DEFAULT_BURST_HEADROOM;
  return { bucket, burst: Math.max(1, base.burst - headroom), refillPerSecond: base.refillPerSecond * safetyFactor };
}
