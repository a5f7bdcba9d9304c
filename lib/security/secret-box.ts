// AES-256-GCM for secrets at rest (cloud account keys, service webhook secrets). The key comes
// from config (HANGAR_ENCRYPTION_KEY; HANGAR_ENCRYPTION_KEY_PREVIOUS during a rotation).
//
// Stored form, v2: `v2:<key id>:<iv>:<tag>:<ciphertext>` (base64 parts). The associated data
// names the column and the row ("CloudAccount.secretAccessKeyEnc:<id>"), so a ciphertext copied
// into another row or column does not open. The tag length is pinned to 16 bytes on both sides:
// GCM would otherwise accept a truncated tag (down to 4 bytes), which makes forgery cheap.
// The key id (a hash of the key, not the key) lets rotation skip rows already sealed with the
// current key and tells which key to try first.
// v1 (`v1:<iv>:<tag>:<ciphertext>`, no associated data) is what rows written before v2 hold: it
// is still read, and `npm run keys:rotate` rewrites it as v2.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

/** The key to seal with and, while a rotation is under way, the one rows may still be sealed with. */
export type EncryptionKeys = string | { current: string; previous?: string | undefined };

const TAG_BYTES = 16;
const IV_BYTES = 12;

export class SecretFormatError extends Error {}

function keyFrom(base64Key: string): Buffer {
  const key = Buffer.from(base64Key, "base64");
  if (key.length !== 32) throw new Error("encryption key must be 32 bytes (base64)");
  return key;
}

function keyring(keys: EncryptionKeys): string[] {
  if (typeof keys === "string") return [keys];
  return keys.previous && keys.previous !== keys.current ? [keys.current, keys.previous] : [keys.current];
}

export function currentKey(keys: EncryptionKeys): string {
  return typeof keys === "string" ? keys : keys.current;
}

/** A short, non-secret name for a key (first 8 hex digits of a domain-separated SHA-256). */
export function keyId(base64Key: string): string {
  return createHash("sha256").update("hangar-secret-box\u0000").update(keyFrom(base64Key)).digest("hex").slice(0, 8);
}

/** The associated data for a secret column of a row: sealed values are bound to where they live. */
export function secretContext(table: string, column: string, rowId: string): string {
  return `${table}.${column}:${rowId}`;
}

export function encryptSecret(plaintext: string, keys: EncryptionKeys, context: string): string {
  const key = currentKey(keys);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", keyFrom(key), iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(context, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v2", keyId(key), iv.toString("base64"), cipher.getAuthTag().toString("base64"), ciphertext.toString("base64")].join(":");
}

type Parsed = { version: "v1" | "v2"; keyId: string | null; iv: Buffer; tag: Buffer; ciphertext: Buffer };

function parse(sealed: string): Parsed {
  const parts = sealed.split(":");
  const [version] = parts;
  let fields: { keyId: string | null; iv?: string; tag?: string; ciphertext?: string };
  if (version === "v2" && parts.length === 5) fields = { keyId: parts[1]!, iv: parts[2]!, tag: parts[3]!, ciphertext: parts[4]! };
  else if (version === "v1" && parts.length === 4) fields = { keyId: null, iv: parts[1]!, tag: parts[2]!, ciphertext: parts[3]! };
  else throw new SecretFormatError("unrecognised secret format");
  const iv = Buffer.from(fields.iv ?? "", "base64");
  const tag = Buffer.from(fields.tag ?? "", "base64");
  if (iv.length !== IV_BYTES) throw new SecretFormatError(`sealed secret has a ${iv.length}-byte IV; expected ${IV_BYTES}`);
  if (tag.length !== TAG_BYTES) throw new SecretFormatError(`sealed secret has a ${tag.length}-byte tag; expected ${TAG_BYTES}`);
  return { version, keyId: fields.keyId, iv, tag, ciphertext: Buffer.from(fields.ciphertext ?? "", "base64") };
}

function open(parsed: Parsed, base64Key: string, context: string): string {
  // authTagLength here is what makes Node refuse a shorter tag instead of checking a prefix.
  const decipher = createDecipheriv("aes-256-gcm", keyFrom(base64Key), parsed.iv, { authTagLength: TAG_BYTES });
  if (parsed.version === "v2") decipher.setAAD(Buffer.from(context, "utf8"));
  decipher.setAuthTag(parsed.tag);
  return Buffer.concat([decipher.update(parsed.ciphertext), decipher.final()]).toString("utf8");
}

/**
 * Opens a sealed secret with the current key, or the previous one while a rotation is under
 * way. Throws when no key opens it (wrong key, tampered, moved to another row, truncated tag).
 */
export function decryptSecret(sealed: string, keys: EncryptionKeys, context: string): string {
  const parsed = parse(sealed);
  const candidates = keyring(keys);
  // The key that sealed it first, when the stored key id says which.
  const ordered = parsed.keyId ? [...candidates].sort((a, b) => Number(keyId(b) === parsed.keyId) - Number(keyId(a) === parsed.keyId)) : candidates;
  let lastError: unknown;
  for (const key of ordered) {
    try {
      return open(parsed, key, context);
    } catch (error) {
      lastError = error;
    }
  }
  throw new Error(`cannot open sealed secret (${lastError instanceof Error ? lastError.message : "unknown error"})`);
}

/** Whether a sealed value is already in the current format under the current key (rotation skips it). */
export function isCurrent(sealed: string, keys: EncryptionKeys): boolean {
  try {
    const parsed = parse(sealed);
    return parsed.version === "v2" && parsed.keyId === keyId(currentKey(keys));
  } catch {
    return false;
  }
}
