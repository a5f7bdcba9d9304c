// A benchmark stack made of real processes, as in production: Postgres (DATABASE_URL or an
// embedded one), Redis (REDIS_URL or a redis-server child), the sandbox as its own process, and
// N worker processes (workers/main.ts). The benchmark process drives requests through lib/.
import { randomBytes } from "node:crypto";
import { rm } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createPrismaClient, type Db } from "../../lib/db/client";
import { loadCaller, type Caller } from "../../lib/identity/caller";
import { createQueueClient, type QueueClient } from "../../lib/queue/queue-client";
import { SANDBOX_ACCESS_KEY_ID, SANDBOX_SECRET_ACCESS_KEY } from "../../lib/seed/seed-demo";
import { prepareDatabase } from "../../scripts/prepare-database";
import { dropDatabase, ensureDatabase, startEmbeddedPostgres, withDatabase } from "../../scripts/services/embedded-postgres";
import { freePort } from "../../scripts/services/free-port";
import { startRedisServer } from "../../scripts/services/redis-server";
import { superviseProcess, type Supervised } from "../../scripts/services/supervised-process";
import { waitForHttp } from "../../scripts/services/wait-for-http";
import { SandboxAdmin } from "./sandbox-admin";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export type StackOptions = {
  limits: "aws" | "off";
  workers: number;
  concurrency: number;
  pollMinIntervalMs?: number;
  /** Print worker/sandbox output (warnings and errors are always printed). */
  verbose?: boolean;
  /** Extra Node flags for worker processes, e.g. ["--cpu-prof"] to profile them. */
  workerNodeArgs?: string[];
};

export type Stack = {
  db: Db;
  queues: QueueClient;
  sandbox: SandboxAdmin;
  sandboxUrl: string;
  caller: Caller;
  cloudAccountId: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  workerPids: number[];
  close(): Promise<void>;
};

export async function startStack(options: StackOptions): Promise<Stack> {
  const cleanups: (() => Promise<void>)[] = [];
  const runId = randomBytes(4).toString("hex");
  const dir = path.join(root, ".hangar/bench", runId);
  const close = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((error: unknown) => console.error("cleanup failed:", error));
    await rm(dir, { recursive: true, force: true });
  };
  try {
    let serverUrl = process.env.DATABASE_URL;
    if (!serverUrl) {
      const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, "postgres"), port: await freePort() });
      serverUrl = pg.url("postgres");
      cleanups.push(pg.stop);
    }
    const database = `hangar_bench_${runId}`;
    await ensureDatabase(serverUrl, database);
    const databaseUrl = withDatabase(serverUrl, database);
    cleanups.push(() => dropDatabase(serverUrl, database));

    let redisUrl = process.env.REDIS_URL;
    if (!redisUrl) {
      const redis = await startRedisServer({ dir: path.join(dir, "redis"), port: await freePort(), persistent: false });
      redisUrl = redis.url;
      cleanups.push(redis.stop);
    }
    const prefix = `hangar-bench-${runId}`;
    const encryptionKey = randomBytes(32).toString("base64");
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      HANGAR_REDIS_PREFIX: prefix,
      HANGAR_ENCRYPTION_KEY: encryptionKey,
      NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
      WORKER_CONCURRENCY: String(options.concurrency),
      LOG_LEVEL: options.verbose ? "info" : "warn",
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      ...(options.pollMinIntervalMs ? { POLL_MIN_INTERVAL_MS: String(options.pollMinIntervalMs) } : {}),
    };

    const sandboxPort = await freePort();
    const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
    const sandbox = superviseProcess("sandbox", process.execPath, ["--import", "tsx", "sandbox/main.ts", "--port", String(sandboxPort), "--timings", "realistic", "--limits", options.limits], {
      env,
      cwd: root,
    });
    cleanups.push(() => sandbox.stop());
    await waitForHttp(`${sandboxUrl}/_sandbox/health`, { timeoutMs: 20_000, process: sandbox });

    await prepareDatabase({ databaseUrl, seed: { password: "bench-password", sandboxEndpoint: sandboxUrl, encryptionKey } });
    const db = createPrismaClient(databaseUrl, { max: 20 });
    cleanups.push(() => db.$disconnect());
    const account = await db.cloudAccount.update({ where: { name: "sandbox" }, data: { rateLimitMode: options.limits === "aws" ? "aws" : "off" } });
    const developer = await db.user.findUniqueOrThrow({ where: { email: "dev@hangar.local" } });
    const caller = (await loadCaller(db, developer.id))!;
    const queues = createQueueClient(redisUrl, prefix);
    cleanups.push(() => queues.close());

    const workers: Supervised[] = [];
    for (let i = 0; i < options.workers; i += 1) {
      const worker = superviseProcess(`worker-${i}`, process.execPath, [...(options.workerNodeArgs ?? []), "--import", "tsx", "workers/main.ts"], { env, cwd: root });
      workers.push(worker);
      cleanups.push(() => worker.stop());
    }
    // The worker logs "worker started" when it consumes; give the processes a moment to connect.
    await new Promise((resolve) => setTimeout(resolve, 3000));

    return {
      db,
      queues,
      sandbox: new SandboxAdmin(sandboxUrl),
      sandboxUrl,
      caller,
      cloudAccountId: account.id,
      credentials: { accessKeyId: SANDBOX_ACCESS_KEY_ID, secretAccessKey: SANDBOX_SECRET_ACCESS_KEY },
      workerPids: workers.map((w) => w.child.pid ?? 0),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
