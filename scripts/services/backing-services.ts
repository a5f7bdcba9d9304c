// The Postgres server and Redis that tests and benchmarks run against: the operator's
// (DATABASE_URL / REDIS_URL) when set, otherwise an embedded Postgres or a redis-server child
// started under `dir` on a free port. One place, so the test suite, every benchmark and the
// launcher's helpers start them the same way. `stop` is a no-op for the operator's servers.
import path from "node:path";
import { startEmbeddedPostgres } from "./embedded-postgres";
import { freePort } from "./free-port";
import { startRedisServer } from "./redis-server";

export type BackingService = { url: string; stop: () => Promise<void> };

const external = (url: string): BackingService => ({ url, stop: async () => undefined });

/** A Postgres server URL (connect to its `postgres` database; create your own databases on it). */
export async function postgresServer(dir: string): Promise<BackingService> {
  if (process.env.DATABASE_URL) return external(process.env.DATABASE_URL);
  const postgres = await startEmbeddedPostgres({ dataDir: path.join(dir, "postgres"), port: await freePort() });
  return { url: postgres.url("postgres"), stop: () => postgres.stop() };
}

/** A Redis URL; an embedded one keeps nothing on disk (use your own key prefix on a shared one). */
export async function redisServer(dir: string): Promise<BackingService> {
  if (process.env.REDIS_URL) return external(process.env.REDIS_URL);
  const redis = await startRedisServer({ dir: path.join(dir, "redis"), port: await freePort(), persistent: false });
  return { url: redis.url, stop: () => redis.stop() };
}
