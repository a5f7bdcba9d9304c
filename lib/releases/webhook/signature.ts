// The CI webhook's signature: `X-Hangar-Signature: sha256=<hex>`, the HMAC-SHA256 of the raw
// body (the exact bytes sent) keyed with the service's webhook secret, as GitHub signs its
// webhooks. Compared in constant time so the answer's timing reveals nothing about the secret.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "x-hangar-signature";
export const DELIVERY_HEADER = "x-hangar-delivery";
const SIGNATURE = /^sha256=([0-9a-f]{64})$/i;

/** A new secret: 32 random bytes, prefixed so a leaked one is recognisable in logs and scanners. */
export function newWebhookSecret(): string {
  return `hwhs_${randomBytes(32).toString("base64url")}`;
}

export function signWebhookBody(body: string | Uint8Array, secret: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

export type SignatureCheck = { ok: true } | { ok: false; problem: string };

/** Whether the header is the body's signature with the secret; when not, why (never the expected value). */
export function checkWebhookSignature(body: string | Uint8Array, header: string | null | undefined, secret: string): SignatureCheck {
  if (!header) return { ok: false, problem: "the X-Hangar-Signature header is missing; send sha256=<hex HMAC-SHA256 of the body with the webhook secret>" };
  const match = SIGNATURE.exec(header.trim());
  if (!match) return { ok: false, problem: "the X-Hangar-Signature header must be sha256= followed by 64 hex digits" };
  const given = Buffer.from(match[1]!.toLowerCase(), "hex");
  const expected = createHmac("sha256", secret).update(body).digest();
  if (!timingSafeEqual(given, expected)) {
    return { ok: false, problem: "the signature does not match the body; sign the exact bytes sent with the service's current webhook secret" };
  }
  return { ok: true };
}
