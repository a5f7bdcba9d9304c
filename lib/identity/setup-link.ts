// The first admin of an install that seeds no demo users comes from a one-time setup link:
// migrate (compose's one-shot service, or `npm start` with HANGAR_SEED_DEMO=false) prints
// `${HANGAR_URL}/setup?token=...` while there is no user at all. Only the token's SHA-256 is
// stored (a database dump does not hold a usable link); it expires after 24 h, issuing a new one
// retires the older ones, and creating the first admin spends it (setup-link-complete.ts).
import { createHash, randomBytes } from "node:crypto";
import type { Tx } from "../db/client";
import { newId } from "../db/ids";

export const SETUP_LINK_TTL_MS = 24 * 60 * 60 * 1000;

/** What /setup shows for a token. */
export type SetupLinkStatus = "ready" | "admin-exists" | "invalid";

export function hashSetupToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/**
 * A new link when the install has no user at all, else null (nothing to set up). The token is
 * 256 random bits, so a plain SHA-256 is enough to store it (no dictionary to guess from).
 */
export async function issueSetupLinkIfNoUsers(db: Tx, options: { baseUrl: string; now?: Date }): Promise<{ url: string; expiresAt: Date } | null> {
  if ((await db.user.count()) > 0) return null;
  const now = options.now ?? new Date();
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + SETUP_LINK_TTL_MS);
  // One live link at a time: the newest printed line is the one that works.
  await db.setupToken.deleteMany({ where: { usedAt: null } });
  await db.setupToken.create({ data: { id: newId(), tokenHash: hashSetupToken(token), expiresAt, createdAt: now } });
  const url = new URL("/setup", options.baseUrl);
  url.searchParams.set("token", token);
  return { url: url.toString(), expiresAt };
}

export async function adminExists(db: Tx): Promise<boolean> {
  return (await db.user.count({ where: { isAdmin: true } })) > 0;
}

export async function setupLinkStatus(db: Tx, token: string | undefined, now = new Date()): Promise<SetupLinkStatus> {
  if (await adminExists(db)) return "admin-exists";
  if (!token) return "invalid";
  const row = await db.setupToken.findUnique({ where: { tokenHash: hashSetupToken(token) } });
  return row && !row.usedAt && row.expiresAt > now ? "ready" : "invalid";
}
