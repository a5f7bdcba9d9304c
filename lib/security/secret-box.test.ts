import { createCipheriv, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret, isCurrent, keyId, secretContext } from "./secret-box";

const key = randomBytes(32).toString("base64");
const otherKey = randomBytes(32).toString("base64");
const row = secretContext("CloudAccount", "secretAccessKeyEnc", "acc_1");

/** What rows written before v2 hold: no associated data, no key id. */
function sealV1(plaintext: string, base64Key: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", Buffer.from(base64Key, "base64"), iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64"), cipher.getAuthTag().toString("base64"), ciphertext.toString("base64")].join(":");
}

describe("secret box", () => {
  it("round-trips and never stores the plaintext", () => {
    const sealed = encryptSecret("wJalrXUtnFEMI/K7MDENG", key, row);
    expect(sealed).not.toContain("wJalrXUtnFEMI");
    expect(sealed.startsWith(`v2:${keyId(key)}:`)).toBe(true);
    expect(decryptSecret(sealed, key, row)).toBe("wJalrXUtnFEMI/K7MDENG");
  });

  it("uses a fresh IV each time", () => {
    expect(encryptSecret("same", key, row)).not.toBe(encryptSecret("same", key, row));
  });

  it("rejects a tampered ciphertext or another key", () => {
    const sealed = encryptSecret("secret", key, row);
    const parts = sealed.split(":");
    const tampered = [...parts.slice(0, 4), Buffer.from("xxxxxx").toString("base64")].join(":");
    expect(() => decryptSecret(tampered, key, row)).toThrow();
    expect(() => decryptSecret(sealed, otherKey, row)).toThrow();
  });

  it("refuses a truncated tag (GCM alone would check a 4-byte prefix)", () => {
    const sealed = encryptSecret("secret", key, row);
    const parts = sealed.split(":");
    for (const bytes of [4, 8, 12, 15]) {
      const shortTag = Buffer.from(parts[3]!, "base64").subarray(0, bytes).toString("base64");
      expect(() => decryptSecret([...parts.slice(0, 3), shortTag, parts[4]].join(":"), key, row)).toThrow(/tag/);
    }
  });

  it("binds a sealed value to its row and column: copied elsewhere it does not open", () => {
    const sealed = encryptSecret("secret", key, row);
    expect(() => decryptSecret(sealed, key, secretContext("CloudAccount", "secretAccessKeyEnc", "acc_2"))).toThrow();
    expect(() => decryptSecret(sealed, key, secretContext("Service", "webhookSecretEnc", "acc_1"))).toThrow();
  });

  it("still reads the v1 format, which rotation then rewrites", () => {
    const old = sealV1("legacy-secret", key);
    expect(decryptSecret(old, key, row)).toBe("legacy-secret");
    expect(isCurrent(old, key)).toBe(false);
    expect(() => decryptSecret(old, otherKey, row)).toThrow();
  });

  it("falls back to the previous key during a rotation, and seals only with the current one", () => {
    const sealedBefore = encryptSecret("secret", otherKey, row);
    const keys = { current: key, previous: otherKey };
    expect(decryptSecret(sealedBefore, keys, row)).toBe("secret");
    expect(decryptSecret(sealV1("old", otherKey), keys, row)).toBe("old");
    expect(isCurrent(sealedBefore, keys)).toBe(false);
    const sealedNow = encryptSecret("secret", keys, row);
    expect(isCurrent(sealedNow, keys)).toBe(true);
    expect(decryptSecret(sealedNow, key, row)).toBe("secret");
    expect(() => decryptSecret(sealedNow, otherKey, row)).toThrow();
  });

  it("refuses formats it does not know", () => {
    expect(() => decryptSecret("v3:a:b:c:d", key, row)).toThrow(/format/);
    expect(() => decryptSecret("plaintext", key, row)).toThrow(/format/);
  });
});
