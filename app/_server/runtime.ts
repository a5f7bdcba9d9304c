import "server-only";
// Process-wide handles for the web server (one Prisma pool, one queue connection, one Redis
// subscriber for live events, one cloud provider registry), created on first use so that
// `next build` never needs a database.
import { createProviderRegistry } from "@/lib/cloud-accounts/create-provider-registry";
import { RedisTokenBucketLimiter } from "@/lib/cloud/rate-limit/redis-limiter";
import { applyNextAuthUrl, encryptionKeysOf, getRuntimeConfig } from "@/lib/config";
import { getPrisma } from "@/lib/db/client";
import { createLogger, type Logger } from "@/lib/log/logger";
import { createMetrics } from "@/lib/metrics/metrics";
import { enqueueOutbox, replaceFinishedJob, runJob, type OutboxJob } from "@/lib/queue/outbox";
import { createQueueClient } from "@/lib/queue/queue-client";
import { createRedis } from "@/lib/queue/redis";
import { EnvironmentEventHub } from "@/lib/runs/environment-event-hub";
import { ImageResolver } from "@/lib/instances/image-resolver";
import { SIGN_IN_ACCOUNT, SIGN_IN_ADDRESS, TOKEN_ADDRESS, Throttle } from "@/lib/identity/throttle";


type WebRuntime = ReturnType<typeof createWebRuntime>;

function createWebRuntime() {
  const config = getRuntimeConfig();
  applyNextAuthUrl(config);
  const logger: Logger = createLogger("web", config.LOG_LEVEL);
  const db = getPrisma(config.DATABASE_URL, { max: config.DATABASE_POOL_SIZE ?? 10 });
  const queues = createQueueClient(config.REDIS_URL, config.HANGAR_REDIS_PREFIX, (error) => logger.warn({ err: error }, "Redis connection error"));
  const subscriber = createRedis(config.REDIS_URL, "subscriber");
  const events = new EnvironmentEventHub(subscriber, config.HANGAR_REDIS_PREFIX);
  const metrics = createMetrics("web");
  // Secrets are sealed with the current key and read with it or, during a rotation, the previous one.
  const encryptionKeys = encryptionKeysOf(config);
  const providers = createProviderRegistry({
    db,
    encryptionKey: encryptionKeys,
    rateLimiter: new RedisTokenBucketLimiter({ redis: queues.connection, prefix: config.HANGAR_REDIS_PREFIX }),
    observer: metrics.cloudObserver,
  });
  // Image lookups for previews, cached per account/region for a few minutes.
  const images = new ImageResolver();
  const throttleError = (error: unknown) => logger.warn({ err: error }, "throttle unavailable (Redis); letting the attempt through");
  const throttle = (name: string, rule: typeof SIGN_IN_ACCOUNT) => new Throttle(queues.connection, config.HANGAR_REDIS_PREFIX, name, rule, throttleError);
  const throttles = { signInAccount: throttle("signin-account", SIGN_IN_ACCOUNT), signInAddress: throttle("signin-ip", SIGN_IN_ADDRESS), tokenAddress: throttle("token-ip", TOKEN_ADDRESS) };
  return { config, encryptionKeys, logger, db, queues, events, metrics, providers, images, throttles };
}

const holder = globalThis as unknown as { hangarWeb?: WebRuntime };

export function web(): WebRuntime {
  holder.hangarWeb ??= createWebRuntime();
  return holder.hangarWeb;
}

/** Adds the just-committed outbox rows to Redis; if that fails, the worker's relay retries. */
export async function enqueueNow(...jobs: OutboxJob[]): Promise<void> {
  const { queues, logger } = web();
  await enqueueOutbox(queues.get, jobs).catch((error: unknown) => logger.warn({ err: error }, "enqueue failed; the outbox relay will retry"));
}

/**
 * Gives a reopened (retried) run a job: its earlier job finished, so it is replaced. If that
 * fails, the worker's reconciler replaces it within its interval.
 */
export async function requeueRun(runId: string): Promise<void> {
  const { queues, logger } = web();
  for (let attempt = 0; attempt < 5; attempt += 1) {
    // false: the earlier job is still completing (moments after the run failed); look again.
    const replaced = await replaceFinishedJob(queues.get, runJob(runId)).catch((error: unknown) => {
      logger.warn({ err: error, runId }, "requeue failed; the run reconciler will retry");
      return true;
    });
    if (replaced) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Wakes parked runs (e.g. ones a destroy asked to cancel) so they notice at once. */
export async function wakeRuns(runIds: string[]): Promise<void> {
  const { queues } = web();
  await Promise.all(runIds.map((id) => queues.wakeRun(id).catch(() => false)));
}
