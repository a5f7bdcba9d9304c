// Runs one EC2 command through our retry layer, maps failures to CloudError and reports every
// attempt to the observer (with the SDK's own attempt count from $metadata.attempts).
import type { CloudCallObserver } from "../observer";
import { withRetry, type RetryBudget, type RetryDeps, type RetryPolicy } from "../retry";
import { mapAwsError } from "./map-error";

export interface CallContext {
  accountId: string;
  region: string;
  observer: CloudCallObserver;
  budget: RetryBudget;
  policy: Partial<RetryPolicy>;
  retryDeps?: Partial<RetryDeps>;
}

interface WithMetadata {
  $metadata?: { attempts?: number };
}

export type Call = <T extends WithMetadata>(
  action: string,
  send: () => Promise<T>,
  options?: { retry?: Partial<RetryPolicy> },
) => Promise<T>;

export function createCall(context: CallContext): Call {
  return (action, send, options) =>
    withRetry(
      async (attempt) => {
        const startedAt = performance.now();
        const base = { action, accountId: context.accountId, region: context.region, ...(attempt > 0 ? { retryOf: attempt } : {}) };
        try {
          const output = await send();
          context.observer.onCall({ ...base, durationMs: performance.now() - startedAt, sdkAttempts: output.$metadata?.attempts ?? 1 });
          return output;
        } catch (error) {
          const mapped = mapAwsError(error, action);
          const sdkAttempts = (error as WithMetadata | undefined)?.$metadata?.attempts ?? 1;
          context.observer.onCall({ ...base, durationMs: performance.now() - startedAt, sdkAttempts, errorCode: mapped.code });
          throw mapped;
        }
      },
      { policy: { ...context.policy, ...options?.retry }, budget: context.budget, deps: context.retryDeps },
    );
}
