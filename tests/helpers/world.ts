// A complete Hangar back end for integration tests: a fresh database seeded like the demo, an
// in-process sandbox cloud (reached through the real SDK over HTTP) and an in-process worker.
import { randomBytes } from "node:crypto";
import path from "node:path";
import { inject } from "vitest";
import { loadCaller, type Caller } from "../../lib/identity/caller";
import { createLogger } from "../../lib/log/logger";
import { enqueueOutbox, type OutboxJob } from "../../lib/queue/outbox";
import { createQueueClient, type QueueClient } from "../../lib/queue/queue-client";
import { seedDemo } from "../../lib/seed/seed-demo";
import { startSandbox, type Sandbox, type SandboxOptions } from "../../sandbox/server";
import { startWorkerRuntime, type WorkerRuntime, type WorkerRuntimeOptions } from "../../workers/worker-runtime";
import { createTestDatabase, testRedisPrefix, type TestDatabase } from "./database";

export type World = TestDatabase & {
  sandbox: Sandbox;
  queues: QueueClient;
  worker: WorkerRuntime | null;
  prefix: string;
  encryptionKey: string;
  ids: Awaited<ReturnType<typeof seedDemo>>;
  admin: Caller;
  developer: Caller;
  /** Adds the outbox rows (as the web app does right after commit). */
  relay: (outbox: OutboxJob) => Promise<void>;
  startWorker: (options?: Partial<WorkerRuntimeOptions>) => Promise<WorkerRuntime>;
  close: () => Promise<void>;
};

export async function createWorld(options: { sandbox?: Partial<SandboxOptions>; worker?: boolean } = {}): Promise<World> {
  const database = await createTestDatabase();
  const sandbox = await startSandbox({ port: 0, timings: "fast", limits: "off", log: () => undefined, ...options.sandbox });
  const encryptionKey = randomBytes(32).toString("base64");
  const prefix = testRedisPrefix();
  const redisUrl = inject("redisUrl");
  const ids = await seedDemo(database.db, {
    password: "test-password",
    sandboxEndpoint: sandbox.url,
    encryptionKey,
    templatesDir: path.resolve("examples/templates"),
  });
  await database.db.cloudAccount.update({ where: { id: ids.cloudAccountId }, data: { rateLimitMode: "off" } });
  const queues = createQueueClient(redisUrl, prefix);
  const admin = (await loadCaller(database.db, ids.adminId))!;
  const developer = (await loadCaller(database.db, ids.developerId))!;

  const world: World = {
    ...database,
    sandbox,
    queues,
    worker: null,
    prefix,
    encryptionKey,
    ids,
    admin,
    developer,
    relay: async (outbox) => {
      await enqueueOutbox(queues.get, [outbox]);
    },
    startWorker: async (extra = {}) => {
      world.worker = await startWorkerRuntime({
        db: database.db,
        redisUrl,
        prefix,
        encryptionKey,
        logger: createLogger("test-worker", "silent"),
        concurrency: 10,
        pollMinIntervalMs: 100,
        pollMaxIntervalMs: 500,
        runWaitTimeoutMs: 60_000,
        ...extra,
      });
      return world.worker;
    },
    close: async () => {
      await world.worker?.close();
      await queues.close();
      await sandbox.close();
      await database.drop();
    },
  };
  if (options.worker !== false) await world.startWorker();
  return world;
}

/** Polls until the check returns a value (not undefined), or fails after the timeout. */
export async function eventually<T>(check: () => Promise<T | undefined>, options: { timeoutMs?: number; what?: string } = {}): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 20_000);
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Timed out waiting for ${options.what ?? "condition"}${last ? `: ${last instanceof Error ? last.message : JSON.stringify(last)}` : ""}`);
}
