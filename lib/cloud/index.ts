// Public surface of lib/cloud: the provider interface and errors, the EC2 provider, and the
// pieces callers configure it with (rate limiters, retry policy, observers, prices).
export * from "./provider";
export { CloudError, isCloudError, type CloudErrorKind } from "./errors";
export { createAwsProvider, DEFAULT_TERMINATE_BATCH, type AwsProvider, type AwsProviderOptions } from "./aws/create-aws-provider";
export type { AwsCredentials } from "./aws/client";
export { DEFAULT_CONNECTION_TIMEOUT_MS, DEFAULT_REQUEST_TIMEOUT_MS } from "./aws/client";
export { mapAwsError } from "./aws/map-error";
export { createBatcher, type Batcher, type BatcherOptions } from "./batcher";
export {
  CountingObserver,
  combineObservers,
  noopObserver,
  type ActionCounts,
  type CloudCallEvent,
  type CloudCallObserver,
} from "./observer";
export { priceOf, shippedPriceSnapshot, type PriceSnapshot } from "./prices/price-of";
export { EC2_BUCKETS, EC2_REQUEST_LIMITS, ec2BucketFor, type BucketLimit, type Ec2Bucket } from "./rate-limit/ec2-buckets";
export {
  DEFAULT_SAFETY_FACTOR,
  noRateLimiter,
  resolveLimit,
  type AccountLimits,
  type LimiterLimitsOptions,
  type RateLimitScope,
  type RequestRateLimiter,
} from "./rate-limit/limits";
export { LocalTokenBucketLimiter, type LocalLimiterOptions } from "./rate-limit/local-limiter";
export { RedisTokenBucketLimiter, type RedisLimiterOptions } from "./rate-limit/redis-limiter";
export {
  backoffDelayMs,
  DEFAULT_RETRY_BUDGET,
  DEFAULT_RETRY_POLICY,
  RetryBudget,
  withRetry,
  type RetryBudgetOptions,
  type RetryDeps,
  type RetryPolicy,
} from "./retry";
