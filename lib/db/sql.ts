// The run engine's hot statements (a few per step, thousands a minute) go straight to the pg
// pool under the Prisma client as named prepared statements: Postgres parses and plans each
// once per connection, and the per-query cost of Prisma's raw-query path is skipped. They are
// still written as Prisma.sql templates (parameters are never spliced into the text).
import { createHash } from "node:crypto";
import pg from "pg";
import { Prisma } from "./generated/client";
import { poolOf, type Db, type Tx } from "./client";

const TIMESTAMP = 1114;
const INT8 = 20;

// `timestamp without time zone` columns hold UTC (as Prisma writes them); bigint ids as BigInt.
type Parser = (value: string) => unknown;
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: "text" | "binary"): Parser => {
    if (oid === TIMESTAMP) return (value: string) => new Date(`${value.replace(" ", "T")}Z`);
    if (oid === INT8) return (value: string) => BigInt(value);
    return pg.types.getTypeParser(oid, format) as Parser;
  }) as pg.CustomTypesConfig["getTypeParser"],
};

// Postgres keeps each named statement per connection for the connection's life. Hot statements
// have a handful of shapes (lists go in as arrays), but a cap keeps a statement whose text varied
// with its input from growing every connection without bound: past it, texts run unnamed.
const MAX_NAMED_STATEMENTS = 200;
const names = new Map<string, string>();
function statementName(text: string): string | undefined {
  let name = names.get(text);
  if (!name && names.size < MAX_NAMED_STATEMENTS) {
    name = `h${createHash("sha1").update(text).digest("hex").slice(0, 20)}`;
    names.set(text, name);
  }
  return name;
}

// An ISO string with Z: Postgres reads it as UTC for timestamp columns, whatever its TimeZone.
const param = (value: unknown) => (value instanceof Date ? value.toISOString() : value);

function query(pool: pg.Pool | pg.PoolClient, statement: Prisma.Sql) {
  return pool.query({ name: statementName(statement.text), text: statement.text, values: statement.values.map(param), types });
}

/**
 * Statements in one transaction on one pooled connection (each statement sees what committed
 * before it started, e.g. after waiting for a lock an earlier statement took).
 */
export async function sqlTransaction<T>(db: Db, fn: (rows: <R>(statement: Prisma.Sql) => Promise<R[]>) => Promise<T>): Promise<T> {
  const pool = poolOf(db);
  if (!pool) return db.$transaction((tx) => fn((statement) => tx.$queryRaw(statement)));
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const result = await fn(async <R>(statement: Prisma.Sql) => (await query(client, statement)).rows as R[]);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** Rows of a statement, through the pool when the client has one (else Prisma's raw query). */
export async function sqlRows<T>(db: Tx, statement: Prisma.Sql): Promise<T[]> {
  const pool = poolOf(db);
  if (!pool) return db.$queryRaw<T[]>(statement);
  return (await query(pool, statement)).rows as T[];
}

/** Rows affected by a statement. */
export async function sqlExecute(db: Tx, statement: Prisma.Sql): Promise<number> {
  const pool = poolOf(db);
  if (!pool) return db.$executeRaw(statement);
  return (await query(pool, statement)).rowCount ?? 0;
}

/**
 * An explicit column list for a model's table (`"a", "b"` or `r."a", r."b"`). Cached statements
 * must not use `*`: once a migration adds a column, Postgres refuses to run a statement
 * prepared before it ("cached plan must not change result type"), as old workers would during
 * a rolling deploy.
 */
export function columnsOf(fields: Record<string, string>, alias?: string): Prisma.Sql {
  const prefix = alias ? `${alias}.` : "";
  return Prisma.raw(Object.values(fields).map((field) => `${prefix}"${field}"`).join(", "));
}
