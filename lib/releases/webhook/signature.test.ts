import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { checkWebhookSignature, newWebhookSecret, signWebhookBody } from "./signature";

const secret = "hwhs_test-secret";
const body = '{"version":"1.0.0","artifact":"ghcr.io/acme/web:1.0.0"}';

describe("webhook signatures", () => {
  it("signs as openssl does: sha256= and the hex HMAC-SHA256 of the body", () => {
    expect(signWebhookBody(body, secret)).toBe(`sha256=${createHmac("sha256", secret).update(body).digest("hex")}`);
  });

  it("accepts the body's signature, in either case of hex and with surrounding spaces", () => {
    const signature = signWebhookBody(body, secret);
    expect(checkWebhookSignature(body, signature, secret)).toEqual({ ok: true });
    expect(checkWebhookSignature(body, ` ${signature.toUpperCase().replace("SHA256=", "sha256=")} `, secret)).toEqual({ ok: true });
    expect(checkWebhookSignature(Buffer.from(body), signature, secret)).toEqual({ ok: true });
  });

  it("refuses a signature of other bytes, even ones that parse to the same JSON", () => {
    const signature = signWebhookBody(body, secret);
    const reformatted = JSON.stringify(JSON.parse(body), null, 2);
    expect(checkWebhookSignature(reformatted, signature, secret)).toMatchObject({ ok: false, problem: expect.stringMatching(/does not match/) });
  });

  it("refuses a signature made with another secret", () => {
    expect(checkWebhookSignature(body, signWebhookBody(body, "another"), secret)).toMatchObject({ ok: false, problem: expect.stringMatching(/does not match/) });
  });

  it("says what is wrong with a missing or malformed header", () => {
    expect(checkWebhookSignature(body, null, secret)).toMatchObject({ ok: false, problem: expect.stringMatching(/missing/) });
    expect(checkWebhookSignature(body, "", secret)).toMatchObject({ ok: false, problem: expect.stringMatching(/missing/) });
    const hex = signWebhookBody(body, secret).slice("sha256=".length);
    for (const header of [hex, `sha1=${hex}`, `sha256=${hex.slice(2)}`, `sha256=${hex}00`, `sha256=${"z".repeat(64)}`]) {
      expect(checkWebhookSignature(body, header, secret)).toMatchObject({ ok: false, problem: expect.stringMatching(/64 hex digits/) });
    }
  });

  it("makes a new, unguessable secret each time", () => {
    const a = newWebhookSecret();
    expect(a).toMatch(/^hwhs_[A-Za-z0-9_-]{43}$/);
    expect(newWebhookSecret()).not.toBe(a);
  });
});
