// What an API token looks like: "hgr_" and 43 characters of base64url (256 random bits). Only
// its SHA-256 is stored; a salted slow hash buys nothing for a value this random, and a
// single indexed lookup keeps authentication cheap on every request.
import { createHash, randomBytes } from "node:crypto";

export const TOKEN_PREFIX = "hgr_";
const TOKEN_SHAPE = /^hgr_[A-Za-z0-9_-]{43}$/;

export function generateToken(): { token: string; prefix: string; hash: string } {
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  return { token, prefix: token.slice(0, 10), hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A cheap shape check before any lookup, so junk never reaches Postgres. */
export function looksLikeToken(value: string): boolean {
  return TOKEN_SHAPE.test(value);
}
