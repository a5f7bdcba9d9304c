// "Postgres is not reachable right now" (a restart, a failover, a network blip, the pool out of
// connections) as opposed to a statement that failed. Work that meets it is put off and tried
// again, without counting against its attempts: it will succeed once Postgres is back.
import { postgresErrorCode } from "./one-statement";

const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);
// Class 08: connection exception; 57P01-03: shutting down, crashed, starting up; 53300: too many connections.
const SQLSTATES = new Set(["57P01", "57P02", "57P03", "53300"]);
// Prisma's own: can't reach the server, the server closed the connection, pool timeout.
const PRISMA_CODES = new Set(["P1001", "P1002", "P1017", "P2024"]);
const MESSAGES = [/Connection terminated/i, /connection timeout/i, /Client has encountered a connection error/i, /the database system is (starting up|shutting down)/i];

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 5) return false;
  const { code, message, cause } = error as { code?: unknown; message?: unknown; cause?: unknown };
  if (typeof code === "string" && (NETWORK_CODES.has(code) || PRISMA_CODES.has(code))) return true;
  const sqlState = postgresErrorCode(error);
  if (sqlState && (sqlState.startsWith("08") || SQLSTATES.has(sqlState))) return true;
  if (typeof message === "string" && MESSAGES.some((pattern) => pattern.test(message))) return true;
  return isDatabaseUnavailable(cause, depth + 1);
}
