// The SDK's standard retry mode treats every HTTP 500 as transient, and EC2 sends
// InsufficientInstanceCapacity (and its kin) as 500s: left alone, the SDK would repeat a
// RunInstances up to 3 times in the same zone, each taking a token of the account's RunInstances
// bucket, before Hangar's own layer could move on to another zone or type. This wraps the
// client's strategy so the SDK passes such errors straight up; everything else it still retries.
import type { EC2Client } from "@aws-sdk/client-ec2";
// Type-only (erased at build): @smithy/types comes with @aws-sdk/client-ec2.
import type { RetryErrorInfo, RetryStrategyV2, RetryToken } from "@smithy/types";
import { CAPACITY_CODES, errorCodeOf } from "./map-error";

type RetryConfig = { retryStrategy: () => Promise<unknown> };

function isV2(strategy: unknown): strategy is RetryStrategyV2 {
  return typeof (strategy as RetryStrategyV2 | undefined)?.refreshRetryTokenForRetry === "function";
}

export function withoutSdkRetryOn(strategy: RetryStrategyV2, codes: ReadonlySet<string>): RetryStrategyV2 {
  return {
    acquireInitialRetryToken: (scope: string) => strategy.acquireInitialRetryToken(scope),
    refreshRetryTokenForRetry: async (token: RetryToken, info: RetryErrorInfo) => {
      // Rejecting the refresh makes the SDK throw the error it got, with no further attempt.
      const error: unknown = info.error;
      if (codes.has(errorCodeOf(error))) throw error instanceof Error ? error : new Error(String(error));
      return strategy.refreshRetryTokenForRetry(token, info);
    },
    recordSuccess: (token: RetryToken) => strategy.recordSuccess(token),
  };
}

/** Installs the wrapper on a client (the SDK reads `config.retryStrategy` on every call). */
export function skipSdkRetryOnCapacityErrors(client: EC2Client): void {
  const config = client.config as unknown as RetryConfig;
  const original = config.retryStrategy;
  config.retryStrategy = async () => {
    const strategy = await original();
    return isV2(strategy) ? withoutSdkRetryOn(strategy, CAPACITY_CODES) : strategy;
  };
}
