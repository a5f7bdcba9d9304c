import { Prisma } from "./generated/client";

/**
 * Several INSERT/UPDATE statements as one SQL statement (data-modifying CTEs): atomic without
 * a transaction round trip, and one network round trip instead of one per row. Foreign keys
 * are checked at the end of the statement, so the parts may reference each other's rows.
 * `returningFrom` names the part whose RETURNING rows the statement yields.
 */
export function oneStatement(parts: Prisma.Sql[], returningFrom: number): Prisma.Sql {
  const ctes = parts.map((part, index) => Prisma.sql`${Prisma.raw(`s${index}`)} AS (${part})`);
  return Prisma.sql`WITH ${Prisma.join(ctes, ", ")} SELECT * FROM ${Prisma.raw(`s${returningFrom}`)}`;
}

/** Postgres error code (SQLSTATE) of a failed query, from pg directly or through Prisma. */
export function postgresErrorCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const { code, meta } = error as { code?: unknown; meta?: { driverAdapterError?: { cause?: { originalCode?: unknown } } } };
  const viaPrisma = meta?.driverAdapterError?.cause?.originalCode;
  if (typeof viaPrisma === "string") return viaPrisma;
  // pg's DatabaseError carries the five-character SQLSTATE itself; Prisma's codes look like P2002.
  return typeof code === "string" && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/** A unique constraint stopped the write, whether it came from a model call or raw SQL. */
export function isUniqueViolation(error: unknown): boolean {
  return postgresErrorCode(error) === "23505" || (typeof error === "object" && error !== null && "code" in error && error.code === "P2002");
}

/** JSON for a jsonb parameter (`${json(value)}::jsonb`); null stays SQL NULL. */
export function jsonParam(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}
