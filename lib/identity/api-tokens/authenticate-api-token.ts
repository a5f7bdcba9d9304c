// Resolves "Authorization: Bearer hgr_..." to the caller the token acts as, on every request:
// a revoked or expired token, a disabled owner or a deleted team fails at once. Last use (time
// and address) is written at most once a minute per token, so busy CI jobs do not turn every
// read into a write.
import type { Tx } from "../../db/client";
import { loadCaller, type Caller } from "../caller";
import { hashToken, looksLikeToken } from "./token-secret";
import { scopedCaller } from "./token-scope";

const LAST_USED_EVERY_MS = 60_000;

type Lookup = { tokenHash: string } | { id: string };

async function callerForToken(db: Tx, lookup: Lookup, now: Date): Promise<{ caller: Caller; lastUsedAt: Date | null; lastUsedIp: string | null } | null> {
  const token = await db.apiToken.findUnique({
    where: lookup,
    select: { id: true, scope: true, userId: true, expiresAt: true, revokedAt: true, lastUsedAt: true, lastUsedIp: true, teamId: true, team: { select: { id: true, slug: true, name: true } } },
  });
  if (!token || token.revokedAt || token.expiresAt <= now) return null;
  if (token.teamId && !token.team) return null;
  const owner = await loadCaller(db, token.userId);
  if (!owner) return null;
  return { caller: scopedCaller(owner, { id: token.id, scope: token.scope, team: token.team }), lastUsedAt: token.lastUsedAt, lastUsedIp: token.lastUsedIp };
}

/** The token's caller, or null for anything that is not a live token. */
export async function authenticateApiToken(db: Tx, value: string, context: { ip?: string | null } = {}, now = new Date()): Promise<Caller | null> {
  if (!looksLikeToken(value)) return null;
  const found = await callerForToken(db, { tokenHash: hashToken(value) }, now);
  if (!found) return null;
  const ip = context.ip?.slice(0, 100) ?? null;
  const stale = !found.lastUsedAt || now.getTime() - found.lastUsedAt.getTime() >= LAST_USED_EVERY_MS || found.lastUsedIp !== ip;
  if (stale) await db.apiToken.update({ where: { id: found.caller.token!.id }, data: { lastUsedAt: now, lastUsedIp: ip } });
  return found.caller;
}

/** Long-lived streams re-check their caller: a token caller is re-resolved by the token's id. */
export async function reloadCaller(db: Tx, caller: Caller): Promise<Caller | null> {
  if (caller.token) return (await callerForToken(db, { id: caller.token.id }, new Date()))?.caller ?? null;
  return loadCaller(db, caller.userId, caller.sessionVersion);
}
