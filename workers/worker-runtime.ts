// Everything one worker process runs: the run queue consumer, the instance poller (on the
// elected leader only), the outbox relay, health and metrics. `main.ts` starts it from config;
// tests and benchmarks start it in-process. One shutdown path closes everything in order.
import { hostname } from "node:os";
import { Worker } from "bullmq";
import type { Db } from "../lib/db/client";
import { createProviderRegistry } from "../lib/cloud-accounts/create-provider-registry";
import { combineObservers, type CloudCallObserver } from "../lib/cloud/observer";
import { RedisTokenBucketLimiter } from "../lib/cloud/rate-limit/redis-limiter";
import { ImageResolver } from "../lib/instances/image-resolver";
import { InstancePoller } from "../lib/instances/instance-poller";
import type { Logger } from "../lib/log/logger";
import type { EncryptionKeys } from "../lib/security/secret-box";
import { createMetrics } from "../lib/metrics/metrics";
import { pruneOutbox, relayOutbox } from "../lib/queue/outbox";
import { createQueueClient } from "../lib/queue/queue-client";
import { QueueName } from "../lib/queue/queues";
import { createRedis } from "../lib/queue/redis";
import { randomUUID } from "node:crypto";
import { failAbandonedRun } from "../lib/runs/fail-run";
import type { RunObserver } from "../lib/runs/execute-run";
import { reconcileRuns, redisLostData } from "../lib/runs/reconcile-runs";
import { createHealthBatcher } from "../lib/deployments/instance-health-batcher";
import { queueDueRetirements } from "../lib/deployments/retire-sweep";
import { createGateWatcher } from "../lib/deployments/gate-watcher";
import { createRedisNotifier } from "../lib/runs/run-events";
import { pollerKickChannel, startPollerLoop } from "./poller-loop";
import { createRunProcessor } from "./runs/run-processor";

export type WorkerRuntimeOptions = {
  db: Db;
  redisUrl: string;
  prefix: string;
  encryptionKey: EncryptionKeys;
  logger: Logger;
  concurrency: number;
  pollMinIntervalMs: number;
  pollMaxIntervalMs: number;
  runWaitTimeoutMs: number;
  notFoundGraceMs?: number;
  /** A deploy's health gate: how long it waits for a batch (default 10 min) and how often it looks (default 2 s). */
  gateTimeoutMs?: number;
  gateIntervalMs?: number;
  /** Extra observer for cloud calls (benchmarks count calls through it). */
  cloudObserver?: CloudCallObserver;
  outboxRelayIntervalMs?: number;
  /** How often the leader looks for runs whose job is gone, and how quiet a run must be first. */
  reconcileIntervalMs?: number;
  reconcileQuietMs?: number;
  /** How often the leader looks at deploys parked for their instances or health gate (default 300 ms). */
  gateWatchIntervalMs?: number;
  /** How often the leader looks for blue-green sets whose grace period is over (default 15 s). */
  retireIntervalMs?: number;
  /** How often the leader checks whether Redis lost its data (then it re-drives every run at once). */
  redisLossCheckMs?: number;
  /** A run's lease (and the queue's job lock): how soon another worker resumes a dead one's runs. */
  runLeaseMs?: number;
  /** Step events (tests check who ran what when). */
  runObserver?: RunObserver;
};

/** Default run lease: a dead worker's runs resume within about this long plus a stall check. */
export const DEFAULT_RUN_LEASE_MS = 5000;

export type WorkerRuntime = {
  readonly metrics: ReturnType<typeof createMetrics>;
  /** True while the consumer is running and its last heartbeat is recent. */
  healthy(): boolean;
  close(): Promise<void>;
};

export async function startWorkerRuntime(options: WorkerRuntimeOptions): Promise<WorkerRuntime> {
  const { db, logger, prefix } = options;
  const metrics = createMetrics("worker");
  const general = createRedis(options.redisUrl, "limiter");
  const subscriber = createRedis(options.redisUrl, "subscriber");
  const workerConnection = createRedis(options.redisUrl, "worker");
  // While Redis is away ioredis reconnects on its own; say so instead of printing unhandled errors.
  for (const connection of [general, subscriber, workerConnection]) {
    connection.on("error", (error: Error) => logger.warn({ err: error, connection: connection.options.connectionName }, "Redis connection error"));
  }
  const queues = createQueueClient(options.redisUrl, prefix, (error) => logger.warn({ err: error }, "Redis connection error (queue client)"));
  const notifier = createRedisNotifier(general, prefix);
  const providers = createProviderRegistry({
    db,
    encryptionKey: options.encryptionKey,
    rateLimiter: new RedisTokenBucketLimiter({ redis: general, prefix, onError: (error) => logger.warn({ err: error }, "rate limiter unavailable; sending unthrottled") }),
    observer: options.cloudObserver ? combineObservers(metrics.cloudObserver, options.cloudObserver) : metrics.cloudObserver,
  });
  const notFoundGraceMs = options.notFoundGraceMs ?? 180_000;

  const poller = new InstancePoller({
    db,
    providers,
    notifier,
    wakeRun: (runId) => queues.wakeRun(runId),
    minIntervalMs: options.pollMinIntervalMs,
    maxIntervalMs: options.pollMaxIntervalMs,
    notFoundGraceMs,
    onError: (error, scope) => logger.warn({ err: error, scope }, "poller error"),
  });
  const pollerLoop = startPollerLoop({
    poller,
    redis: general,
    subscriber,
    prefix,
    logger,
    minIntervalMs: options.pollMinIntervalMs,
    // Three of the longest sleeps (plus a slow pass) before another worker takes over.
    leaseMs: Math.max(10_000, 3 * options.pollMaxIntervalMs),
  });
  const kickChannel = pollerKickChannel(prefix);
  const workerName = `${hostname()}:${process.pid}`;
  const leaseMs = options.runLeaseMs ?? DEFAULT_RUN_LEASE_MS;

  // Shared by the gate watcher and the deploy steps of this process: a run woken by the watcher
  // reuses the answer that woke it.
  const health = createHealthBatcher();
  const processor = createRunProcessor({
    db,
    notifier,
    logger,
    queues,
    workerName,
    leaseMs,
    ...(options.runObserver ? { observer: options.runObserver } : {}),
    services: {
      providers,
      images: new ImageResolver(),
      kickPoller: () => void general.publish(kickChannel, "kick").catch(() => undefined),
      runWaitTimeoutMs: options.runWaitTimeoutMs,
      notFoundGraceMs,
      health,
      gateTimeoutMs: options.gateTimeoutMs ?? 600_000,
      gateIntervalMs: options.gateIntervalMs ?? 2000,
    },
  });
  // A dead worker's job lock expires with its runs' leases, and stalled jobs are looked for
  // often, so another worker resumes them within seconds. A false stall (a busy event loop) is
  // harmless: the run's lease in Postgres keeps the second execution out until the first is done.
  const worker = new Worker(QueueName.runs, processor, {
    connection: workerConnection,
    prefix,
    concurrency: options.concurrency,
    name: workerName,
    lockDuration: leaseMs,
    stalledInterval: Math.max(1000, Math.round(leaseMs / 2.5)),
    maxStalledCount: 10,
  });
  worker.on("completed", (job, result: unknown) => {
    logger.debug({ runId: job.id, result }, "run job completed");
  });
  worker.on("failed", (job, error) => {
    if (!job) return;
    const exhausted = job.attemptsMade >= (job.opts.attempts ?? 1) || error.name === "UnrecoverableError";
    logger.warn({ runId: job.id, attempt: job.attemptsMade, exhausted, err: error }, "run job failed");
    if (exhausted && job.id) {
      failAbandonedRun(db, notifier, job.id, `gave up after ${job.attemptsMade} attempts: ${error.message}`).catch((err: unknown) =>
        logger.error({ err, runId: job.id }, "could not record the abandoned run"),
      );
    }
  });
  worker.on("stalled", (jobId) => logger.warn({ runId: jobId }, "run job stalled (its worker died?); it will be retried"));
  worker.on("error", (error) => logger.error({ err: error }, "worker error"));

  // Re-adds outbox rows that never reached Redis (web crashed between commit and enqueue).
  const relayEvery = options.outboxRelayIntervalMs ?? 5000;
  let lastPrune = 0;
  const relayTimer = setInterval(() => {
    relayOutbox(db, queues.get, queues.connection, { olderThanMs: relayEvery })
      .then((count) => count > 0 && logger.info({ count }, "outbox relay enqueued jobs"))
      .catch((error: unknown) => logger.warn({ err: error }, "outbox relay failed"));
    if (pollerLoop.isLeader() && Date.now() - lastPrune > 3600_000) {
      lastPrune = Date.now();
      pruneOutbox(db).catch((error: unknown) => logger.warn({ err: error }, "outbox prune failed"));
    }
  }, relayEvery);

  // The leader also checks that every queued/running run still has a live job (Redis can lose
  // jobs; a failure handler can miss its chance) so that no run holds its environment forever:
  // at once when Redis lost its data, and every reconcile interval for runs quiet that long.
  const reconcile = (quietForMs: number, why: string) =>
    reconcileRuns(db, queues, notifier, { quietForMs })
      .then(
        (result) =>
          (result.requeued.length > 0 || result.failed.length > 0 || result.released.length > 0) && logger.warn({ ...result, why }, "reconciled runs without a live job"),
      )
      .catch((error: unknown) => logger.warn({ err: error }, "run reconciliation failed"));
  let reconciling: Promise<unknown> = Promise.resolve();
  const marker = `${workerName}/${randomUUID()}`;
  const reconcileEvery = options.reconcileIntervalMs ?? 30_000;
  let lastReconcile = Date.now();
  let lastRetire = 0;
  const gateWatcher = createGateWatcher({ db, providers, health, wake: (runId) => queues.wakeRun(runId) });
  let watching = false;
  const gateTimer = setInterval(() => {
    if (!pollerLoop.isLeader() || watching) return;
    watching = true;
    gateWatcher
      .pass()
      .catch((error: unknown) => logger.warn({ err: error }, "gate watcher pass failed"))
      .finally(() => (watching = false));
  }, options.gateWatchIntervalMs ?? 300);
  const retireEvery = options.retireIntervalMs ?? 15_000;
  const reconcileTimer = setInterval(() => {
    if (!pollerLoop.isLeader()) return;
    reconciling = reconciling.then(async () => {
      if (Date.now() - lastRetire >= retireEvery) {
        lastRetire = Date.now();
        await queueDueRetirements(db, queues.get)
          .then((runs) => runs.length > 0 && logger.info({ runs }, "blue-green grace periods ended: retiring the kept instances"))
          .catch((error: unknown) => logger.warn({ err: error }, "retire sweep failed"));
      }
      const lost = await redisLostData(general, prefix, marker).catch(() => false);
      if (lost) {
        logger.warn("Redis has none of Hangar's data (flushed, or a failover to an empty replica): re-driving every run from Postgres");
        lastReconcile = Date.now();
        await reconcile(0, "redis lost its data");
      } else if (Date.now() - lastReconcile >= reconcileEvery) {
        lastReconcile = Date.now();
        await reconcile(options.reconcileQuietMs ?? reconcileEvery, "periodic");
      }
    });
  }, options.redisLossCheckMs ?? 2000);

  await worker.waitUntilReady();
  logger.info({ concurrency: options.concurrency, prefix }, "worker started");

  let closed = false;
  return {
    metrics,
    healthy() {
      // A worker that stopped consuming (loop ended, or its blocking Redis connection is down)
      // must not look healthy; an idle one blocked waiting for jobs is fine.
      return !closed && worker.isRunning() && !worker.closing && workerConnection.status === "ready";
    },
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(relayTimer);
      clearInterval(reconcileTimer);
      clearInterval(gateTimer);
      await reconciling;
      await pollerLoop.stop();
      // Stops taking jobs and waits for in-flight ones; waits park runs, so this is quick.
      await worker.close();
      providers.close();
      await queues.close();
      await Promise.all([general.quit().catch(() => undefined), subscriber.quit().catch(() => undefined), workerConnection.quit().catch(() => undefined)]);
      logger.info("worker stopped");
    },
  };
}
