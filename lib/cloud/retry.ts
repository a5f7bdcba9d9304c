// Our backoff layer on top of the SDK's standard retries (3 attempts, short delays). The SDK
// absorbs blips; this layer rides out longer trouble (a throttling storm, a 5xx burst) with
// full-jitter backoff so many callers spread out, and a retry budget shared per provider so
// a sick endpoint makes callers fail fast instead of multiplying load (same idea and numbers
// as the SDK's retry quota).
import { CloudError, type CloudErrorKind } from "./errors";

export interface RetryPolicy {
  /** Attempts by this layer, the first included; each one may be up to 3 SDK attempts. */
  maxAttempts: number;
  /** No retry starts once this much time has passed since the first attempt. */
  maxElapsedMs: number;
  /** Full jitter: sleep = random(0, min(maxDelayMs, baseDelayMs * 2^retryIndex)). */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Capacity errors are retried this many times at most: a zone rarely frees up fast, the caller should fall back. */
  capacityRetries: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 4,
  maxElapsedMs: 60_000,
  baseDelayMs: 1_000,
  maxDelayMs: 20_000,
  capacityRetries: 1,
};

/** Kinds this layer retries; validation, auth, not_found and idempotency_mismatch never are. */
const RETRYABLE_KINDS: ReadonlySet<CloudErrorKind> = new Set(["throttled", "server", "network", "capacity"]);

export interface RetryBudgetOptions {
  capacity: number;
  retryCost: number;
  /** Timeouts and resets cost more: they hold sockets and often mean the endpoint is struggling. */
  networkRetryCost: number;
  /** Added on a success that needed no retry. */
  successRefill: number;
}

export const DEFAULT_RETRY_BUDGET: RetryBudgetOptions = { capacity: 500, retryCost: 5, networkRetryCost: 10, successRefill: 1 };

/** Token quota shared by every call of one provider: retries spend, successes refill. */
export class RetryBudget {
  private readonly options: RetryBudgetOptions;
  private tokens: number;

  constructor(options: Partial<RetryBudgetOptions> = {}) {
    this.options = { ...DEFAULT_RETRY_BUDGET, ...options };
    this.tokens = this.options.capacity;
  }

  get available(): number {
    return this.tokens;
  }

  /** Returns the tokens taken, or null when the budget cannot pay for this retry. */
  tryTake(kind: CloudErrorKind): number | null {
    const cost = kind === "network" ? this.options.networkRetryCost : this.options.retryCost;
    if (this.tokens < cost) return null;
    this.tokens -= cost;
    return cost;
  }

  /** Like the SDK: a success refunds the last retry's cost, or adds a little when none was needed. */
  recordSuccess(lastRetryCost: number | null): void {
    this.tokens = Math.min(this.options.capacity, this.tokens + (lastRetryCost ?? this.options.successRefill));
  }
}

export interface RetryDeps {
  now(): number;
  random(): number;
  sleep(ms: number): Promise<void>;
}

export const realRetryDeps: RetryDeps = {
  now: () => Date.now(),
  random: Math.random,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** retryIndex 0 is the wait before the first retry. */
export function backoffDelayMs(retryIndex: number, policy: Pick<RetryPolicy, "baseDelayMs" | "maxDelayMs">, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retryIndex);
  return Math.floor(random() * ceiling);
}

export interface RetryOptions {
  policy?: Partial<RetryPolicy>;
  budget: RetryBudget;
  deps?: Partial<RetryDeps>;
}

/**
 * Runs `operation` (given the 0-based attempt number) until it succeeds or fails in a way not
 * worth retrying. Errors that are not CloudErrors are programming errors: rethrown at once.
 */
export async function withRetry<T>(operation: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const policy = { ...DEFAULT_RETRY_POLICY, ...options.policy };
  const deps = { ...realRetryDeps, ...options.deps };
  const startedAt = deps.now();
  let capacityFailures = 0;
  let lastRetryCost: number | null = null;

  for (let attempt = 0; ; attempt += 1) {
    try {
      const result = await operation(attempt);
      options.budget.recordSuccess(lastRetryCost);
      return result;
    } catch (error) {
      if (!(error instanceof CloudError) || !RETRYABLE_KINDS.has(error.kind)) throw error;
      if (error.kind === "capacity" && ++capacityFailures > policy.capacityRetries) throw error;
      if (attempt + 1 >= policy.maxAttempts) throw error;
      const delay = backoffDelayMs(attempt, policy, deps.random);
      if (deps.now() + delay - startedAt > policy.maxElapsedMs) throw error;
      const cost = options.budget.tryTake(error.kind);
      if (cost === null) throw error; // budget empty: fail fast rather than pile onto a sick endpoint
      lastRetryCost = cost;
      await deps.sleep(delay);
    }
  }
}
