// Worker process entry point: `tsx workers/main.ts`. Validates config, starts the runtime,
// and shuts down gracefully on SIGTERM/SIGINT (in-flight steps finish, connections close).
import { encryptionKeysOf, getRuntimeConfig } from "../lib/config";
import { disconnectPrisma, getPrisma } from "../lib/db/client";
import { createLogger } from "../lib/log/logger";
import { startHealthServer } from "./health-server";
import { startWorkerRuntime } from "./worker-runtime";

const config = getRuntimeConfig();
const logger = createLogger("worker", config.LOG_LEVEL);
// Jobs hold a connection only while they query; past a few per core, more connections only add
// contention in Postgres, so the pool is capped rather than matched to the concurrency.
const db = getPrisma(config.DATABASE_URL, { max: config.DATABASE_POOL_SIZE ?? Math.min(config.WORKER_CONCURRENCY + 5, 30) });

const runtime = await startWorkerRuntime({
  db,
  redisUrl: config.REDIS_URL,
  prefix: config.HANGAR_REDIS_PREFIX,
  encryptionKey: encryptionKeysOf(config),
  logger,
  concurrency: config.WORKER_CONCURRENCY,
  pollMinIntervalMs: config.POLL_MIN_INTERVAL_MS,
  pollMaxIntervalMs: config.POLL_MAX_INTERVAL_MS,
  runWaitTimeoutMs: config.RUN_WAIT_TIMEOUT_SECONDS * 1000,
  gateTimeoutMs: config.DEPLOY_GATE_TIMEOUT_SECONDS * 1000,
  runLeaseMs: config.RUN_LEASE_SECONDS * 1000,
});
const health = config.WORKER_HEALTH_PORT
  ? await startHealthServer({ port: config.WORKER_HEALTH_PORT, host: config.WORKER_HEALTH_HOST, healthy: () => runtime.healthy(), registry: runtime.metrics.registry })
  : undefined;

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "shutting down");
  const force = setTimeout(() => {
    logger.error("shutdown took longer than 30 s; exiting");
    process.exit(1);
  }, 30_000);
  force.unref();
  health?.close();
  await runtime.close();
  await disconnectPrisma();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
