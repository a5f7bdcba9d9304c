// Idempotency-Key for POSTs: a client that retries after a timeout gets the first answer again
// instead of a second environment or deployment. Keys belong to one principal and live 24 h;
// the same key with a different request is refused, and a key whose first request is still
// running answers 409 until it finishes. Answers of 5xx and 429 are not kept, so those can be retried.
import { createHash } from "node:crypto";
import type { Tx } from "../db/client";
import { Conflict, invalidField } from "../errors";

export const IDEMPOTENCY_TTL_MS = 24 * 3600_000;
const KEY_SHAPE = /^[\x21-\x7e]{1,255}$/;

export type IdempotentRequest = { principal: string; key: string; method: string; path: string; body: string };
export type Replay = { status: number; body: string };

export function validateIdempotencyKey(key: string): string {
  if (!KEY_SHAPE.test(key)) throw invalidField("headers.Idempotency-Key", "must be 1–255 visible ASCII characters (a UUID is a good choice)");
  return key;
}

/**
 * Whose keys these are: a token's own (not its owner's), so a narrower token of the same person
 * cannot replay what their session or an admin-scoped token was answered, and the reverse.
 */
export function idempotencyPrincipal(caller: { userId: string; token?: { id: string } | undefined }): string {
  return caller.token ? `token:${caller.token.id}` : caller.userId;
}

/**
 * What is kept for replays. An answer marked no-store shows a secret once (a new API token, an
 * invite link, a webhook secret) that is otherwise stored only hashed or sealed; keeping it here
 * would put it in Postgres in plain text for 24 h. Its replay is a 409 saying the request was done.
 */
export function answerToKeep(answer: Replay & { cacheControl: string | null }): Replay {
  if (answer.status >= 300 || !/(^|[\s,])no-store($|[\s,])/i.test(answer.cacheControl ?? "")) return { status: answer.status, body: answer.body };
  const message = "A request with this Idempotency-Key already succeeded; its answer showed a secret once and is not kept, so it cannot be replayed";
  const issues = [{ path: "headers.Idempotency-Key", message: "already used by a request that succeeded (its answer is shown only once)" }];
  return { status: 409, body: JSON.stringify({ error: { code: "conflict", message, issues } }) };
}

function requestHash(request: IdempotentRequest): string {
  return createHash("sha256").update(`${request.method} ${request.path}\n${request.body}`).digest("hex");
}

/** Claims the key for this request (null: go ahead), or returns the answer to replay. */
export async function claimIdempotencyKey(db: Tx, request: IdempotentRequest, now = new Date()): Promise<Replay | null> {
  const cutoff = new Date(now.getTime() - IDEMPOTENCY_TTL_MS);
  const hash = requestHash(request);
  // Expired keys go first (a bounded batch each time, using the createdAt index), this one included.
  await db.$executeRaw`DELETE FROM "IdempotencyKey" WHERE ctid IN (SELECT ctid FROM "IdempotencyKey" WHERE "createdAt" < ${cutoff} LIMIT 100)`;
  await db.$executeRaw`DELETE FROM "IdempotencyKey" WHERE "principal" = ${request.principal} AND "key" = ${request.key} AND "createdAt" < ${cutoff}`;
  const claimed = await db.$executeRaw`
    INSERT INTO "IdempotencyKey" ("principal", "key", "method", "path", "requestHash", "createdAt")
    VALUES (${request.principal}, ${request.key}, ${request.method}, ${request.path}, ${hash}, ${now})
    ON CONFLICT DO NOTHING`;
  if (claimed === 1) return null;
  const row = await db.idempotencyKey.findUnique({ where: { principal_key: { principal: request.principal, key: request.key } } });
  if (!row) return claimIdempotencyKey(db, request, now); // it expired or was released in between
  if (row.requestHash !== hash) throw new Conflict("This Idempotency-Key was already used for a different request; use a new key", [{ path: "headers.Idempotency-Key", message: "already used for a different request" }]);
  if (row.status === null || row.response === null) throw new Conflict("A request with this Idempotency-Key is still in progress; retry in a moment", [{ path: "headers.Idempotency-Key", message: "in progress" }]);
  return { status: row.status, body: row.response };
}

/**
 * Keeps the answer for replays (2xx–4xx), or releases the key so a retry runs again: a 5xx, and a
 * 429, which asks for exactly that retry (a kept one would answer "try again later" for 24 h).
 */
export async function settleIdempotencyKey(db: Tx, request: Pick<IdempotentRequest, "principal" | "key">, answer: Replay | null): Promise<void> {
  const where = { principal_key: { principal: request.principal, key: request.key } };
  if (!answer || answer.status >= 500 || answer.status === 429) {
    await db.idempotencyKey.deleteMany({ where: { principal: request.principal, key: request.key } });
    return;
  }
  await db.idempotencyKey.update({ where, data: { status: answer.status, response: answer.body } });
}
