// A Hangar back end made of real processes, as in production: Postgres (DATABASE_URL, or an
// embedded one), Redis (REDIS_URL, or a redis-server child), the sandbox cloud as its own process
// and N worker processes (workers/main.ts), in its own database and Redis prefix, on 127.0.0.1.
// The caller drives requests through lib/ in-process. Benchmarks measure it; the reliability
// suite breaks it: SIGKILL and restart workers, flush or restart Redis, restart Postgres (with
// `own` servers, so nothing shared is touched).
import { randomBytes } from "node:crypto";
import { rm } from "node:fs/promises";
import { hostname } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Redis } from "ioredis";
import { createPrismaClient, type Db } from "../../lib/db/client";
import { loadCaller, type Caller } from "../../lib/identity/caller";
import { createQueueClient, type QueueClient } from "../../lib/queue/queue-client";
import { SANDBOX_ACCESS_KEY_ID, SANDBOX_SECRET_ACCESS_KEY } from "../../lib/seed/seed-demo";
import { prepareDatabase } from "../prepare-database";
import { dropDatabase, ensureDatabase, startEmbeddedPostgres, withDatabase, type RunningPostgres } from "./embedded-postgres";
import { freePort } from "./free-port";
import { startRedisServer, type RunningRedis } from "./redis-server";
import { SandboxAdmin } from "./sandbox-admin";
import { superviseProcess, type Supervised } from "./supervised-process";
import { waitForHttp } from "./wait-for-http";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export type StackOptions = {
  limits: "aws" | "off";
  timings?: "realistic" | "fast";
  workers: number;
  concurrency: number;
  pollMinIntervalMs?: number;
  /** `own`: a Postgres / redis-server of this stack alone, even when DATABASE_URL / REDIS_URL are set. */
  postgres?: "shared" | "own";
  /** Server settings for the stack's own Postgres (e.g. shared_preload_libraries=pg_stat_statements). */
  postgresSettings?: string[];
  redis?: "shared" | "own";
  /** Extra environment for worker processes (e.g. RUN_LEASE_SECONDS). */
  workerEnv?: Record<string, string>;
  /** Print worker/sandbox output; otherwise it is kept (the last lines) for diagnostics. */
  verbose?: boolean;
  /** Extra Node flags for worker processes, e.g. ["--cpu-prof"] to profile them. */
  workerNodeArgs?: string[];
};

export type WorkerProcess = {
  /** host:pid, the prefix of every run lease this worker holds. */
  readonly name: string;
  readonly pid: number;
  readonly alive: boolean;
  kill(signal: NodeJS.Signals): Promise<void>;
  /** Starts it again (a new process, a new name). */
  restart(): Promise<void>;
  stop(): Promise<void>;
};

export type Stack = {
  db: Db;
  databaseUrl: string;
  redisUrl: string;
  prefix: string;
  queues: QueueClient;
  /** A plain connection to the stack's Redis, for FLUSHDB and the like. */
  redis: Redis;
  sandbox: SandboxAdmin;
  sandboxUrl: string;
  caller: Caller;
  cloudAccountId: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  workers: WorkerProcess[];
  /** The last lines the processes printed (workers and sandbox). */
  output(): string[];
  /** Stops and starts the stack's own Postgres (same data, same port). */
  restartPostgres(downMs?: number): Promise<void>;
  /** Stops and starts the stack's own redis-server, empty (as a failover to an empty replica). */
  restartRedis(downMs?: number): Promise<void>;
  close(): Promise<void>;
};

export async function startStack(options: StackOptions): Promise<Stack> {
  const cleanups: (() => Promise<void>)[] = [];
  const runId = randomBytes(4).toString("hex");
  const dir = path.join(root, ".hangar/stacks", runId);
  const lines: string[] = [];
  const keep = (line: string) => {
    lines.push(line);
    if (lines.length > 400) lines.splice(0, lines.length - 400);
    return !options.verbose;
  };
  const close = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((error: unknown) => console.error("cleanup failed:", error));
    await rm(dir, { recursive: true, force: true });
  };
  try {
    let postgres: RunningPostgres | undefined;
    let serverUrl = options.postgres === "own" ? undefined : process.env.DATABASE_URL;
    const pgPort = await freePort();
    if (!serverUrl) {
      postgres = await startEmbeddedPostgres({ dataDir: path.join(dir, "postgres"), port: pgPort, settings: options.postgresSettings ?? [] });
      serverUrl = postgres.url("postgres");
      cleanups.push(() => postgres!.stop());
    }
    const database = `hangar_stack_${runId}`;
    await ensureDatabase(serverUrl, database);
    const databaseUrl = withDatabase(serverUrl, database);
    const dbServerUrl = serverUrl;
    cleanups.push(() => dropDatabase(dbServerUrl, database));

    let redisServer: RunningRedis | undefined;
    let redisUrl = options.redis === "own" ? undefined : process.env.REDIS_URL;
    const redisPort = await freePort();
    const startOwnRedis = async () => startRedisServer({ dir: path.join(dir, "redis"), port: redisPort, persistent: false });
    if (!redisUrl) {
      redisServer = await startOwnRedis();
      redisUrl = redisServer.url;
      cleanups.push(() => redisServer?.stop() ?? Promise.resolve());
    }
    const prefix = `hangar-stack-${runId}`;
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
      ...options.workerEnv,
    };

    const sandboxPort = await freePort();
    const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
    const sandboxArgs = ["--import", "tsx", "sandbox/main.ts", "--port", String(sandboxPort), "--timings", options.timings ?? "realistic", "--limits", options.limits];
    const sandbox = superviseProcess("sandbox", process.execPath, sandboxArgs, { env, cwd: root, quiet: keep });
    cleanups.push(() => sandbox.stop());
    await waitForHttp(`${sandboxUrl}/_sandbox/health`, { timeoutMs: 20_000, process: sandbox });

    await prepareDatabase({ databaseUrl, seed: { password: "stack-password", sandboxEndpoint: sandboxUrl, encryptionKey } });
    const db = createPrismaClient(databaseUrl, { max: 20 });
    cleanups.push(() => db.$disconnect());
    const account = await db.cloudAccount.update({ where: { name: "sandbox" }, data: { rateLimitMode: options.limits === "aws" ? "aws" : "off" } });
    const developer = await db.user.findUniqueOrThrow({ where: { email: "dev@hangar.local" } });
    const caller = (await loadCaller(db, developer.id))!;
    const queues = createQueueClient(redisUrl, prefix);
    cleanups.push(() => queues.close());
    const redis = new Redis(redisUrl, { maxRetriesPerRequest: 3 });
    redis.on("error", () => undefined); // restarts are on purpose
    cleanups.push(async () => void redis.disconnect());

    const workers = Array.from({ length: options.workers }, (_, index) => workerProcess(index, { env, nodeArgs: options.workerNodeArgs ?? [], quiet: keep }));
    cleanups.push(async () => void (await Promise.all(workers.map((w) => w.stop()))));
    await Promise.all(workers.map((w) => w.restart()));

    return {
      db,
      databaseUrl,
      redisUrl,
      prefix,
      queues,
      redis,
      sandbox: new SandboxAdmin(sandboxUrl),
      sandboxUrl,
      caller,
      cloudAccountId: account.id,
      credentials: { accessKeyId: SANDBOX_ACCESS_KEY_ID, secretAccessKey: SANDBOX_SECRET_ACCESS_KEY },
      workers,
      output: () => [...lines],
      async restartPostgres(downMs = 1000) {
        if (!postgres) throw new Error("restartPostgres needs the stack's own Postgres (postgres: 'own')");
        await postgres.stop();
        await new Promise((resolve) => setTimeout(resolve, downMs));
        postgres = await startEmbeddedPostgres({ dataDir: path.join(dir, "postgres"), port: pgPort, settings: options.postgresSettings ?? [] });
      },
      async restartRedis(downMs = 500) {
        if (!redisServer) throw new Error("restartRedis needs the stack's own redis-server (redis: 'own')");
        await redisServer.stop();
        await rm(path.join(dir, "redis"), { recursive: true, force: true });
        await new Promise((resolve) => setTimeout(resolve, downMs));
        redisServer = await startOwnRedis();
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** A worker process that can be killed and started again; "ready" once it logs that it consumes. */
function workerProcess(index: number, options: { env: NodeJS.ProcessEnv; nodeArgs: string[]; quiet: (line: string) => boolean }): WorkerProcess {
  let current: Supervised | undefined;
  const args = [...options.nodeArgs, "--import", "tsx", "workers/main.ts"];
  const alive = () => Boolean(current && current.child.exitCode === null && current.child.signalCode === null);
  return {
    get name() {
      return `${hostname()}:${current?.child.pid ?? 0}`;
    },
    get pid() {
      return current?.child.pid ?? 0;
    },
    get alive() {
      return alive();
    },
    async kill(signal) {
      if (!current || !alive()) return;
      const exited = current.exited;
      current.child.kill(signal);
      if (signal === "SIGKILL" || signal === "SIGTERM" || signal === "SIGINT") await exited;
    },
    async restart() {
      if (alive()) await current!.stop();
      let started: () => void = () => undefined;
      const ready = new Promise<void>((resolve) => (started = resolve));
      // The worker logs at warn and above; its start line is info, so readiness is its Redis
      // client connecting: give it the moment it needs to load (tsx) and connect.
      current = superviseProcess(`worker-${index}`, process.execPath, args, {
        env: { ...options.env, LOG_LEVEL: "info" },
        cwd: root,
        quiet: (line) => {
          if (line.includes('"worker started"')) started();
          return options.quiet(line) || line.includes('"level":30');
        },
      });
      const timeout = setTimeout(started, 20_000);
      await ready;
      clearTimeout(timeout);
    },
    stop: async () => {
      if (alive()) await current!.stop();
    },
  };
}

/** Runs `fn` on a fresh stack and always closes it. */
export async function withStack<T>(options: StackOptions, fn: (stack: Stack) => Promise<T>): Promise<T> {
  const stack = await startStack(options);
  try {
    return await fn(stack);
  } finally {
    await stack.close();
  }
}
