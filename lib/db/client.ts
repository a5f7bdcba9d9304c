// The one Prisma client module. A globalThis singleton so Next.js dev reloads and tests that
// import it from many files share one pool instead of leaking connections.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "./generated/client";

export type Db = PrismaClient;
export type Tx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

type Holder = { hangarPrisma?: { url: string; client: PrismaClient } };
const holder = globalThis as unknown as Holder;

// The pg pool under each client, shared with the run engine's hot statements (lib/db/sql.ts).
const pools = new WeakMap<object, pg.Pool>();

/** The connection pool under a client, or undefined for a transaction client. */
export function poolOf(db: Tx): pg.Pool | undefined {
  return pools.get(db);
}

export function createPrismaClient(url: string, options: { max?: number } = {}): PrismaClient {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10 });
  // Postgres ending a connection (a restart, a failover, an admin's pg_terminate_backend) emits
  // 'error' on the connection: on an idle pooled one via the pool, on one checked out between two
  // statements (a transaction's) on the client itself. Unheard, either kills the process; heard,
  // the connection is discarded and the statement using it next fails like any outage does.
  pool.on("error", () => undefined);
  pool.on("connect", (client) => {
    client.on("error", () => undefined);
  });
  const adapter = new PrismaPg(pool, { disposeExternalPool: true });
  // Secret columns are left out of every query unless a caller selects them on purpose.
  return withPool(pool, new PrismaClient({
    adapter,
    omit: { user: { passwordHash: true }, cloudAccount: { secretAccessKeyEnc: true }, service: { webhookSecretEnc: true } },
    // Under a burst the pool is the queue: a transaction waits for a connection rather than
    // failing after Prisma's default 2 s; transactions themselves stay short.
    transactionOptions: { maxWait: 15_000, timeout: 20_000 },
  }));
}

function withPool(pool: pg.Pool, client: PrismaClient): PrismaClient {
  pools.set(client, pool);
  // Prisma ends the adapter's pool on $disconnect only if it ran a query itself; a process that
  // used only the direct statements (lib/db/sql.ts) would keep its connections open.
  const disconnect = client.$disconnect.bind(client);
  client.$disconnect = async () => {
    await disconnect();
    if (!pool.ending) await pool.end();
  };
  return client;
}

/** The process-wide client for `url` (web, worker); `max` should cover the process's concurrency. */
export function getPrisma(url: string, options: { max?: number } = {}): PrismaClient {
  if (holder.hangarPrisma?.url !== url) {
    holder.hangarPrisma = { url, client: createPrismaClient(url, options) };
  }
  return holder.hangarPrisma.client;
}

export async function disconnectPrisma(): Promise<void> {
  const current = holder.hangarPrisma;
  holder.hangarPrisma = undefined;
  await current?.client.$disconnect();
}
