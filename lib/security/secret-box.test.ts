import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret } from "./secret-box";

const key = randomBytes(32).toString("base64");

describe("secret box", () => {
  it("round-trips and never stores the plaintext", () => {
    const sealed = encryptSecret("wJalrXUtnFEMI/K7MDENG", key);
    expect(sealed).not.toContain("wJalrXUtnFEMI");
    expect(decryptSecret(sealed, key)).toBe("wJalrXUtnFEMI/K7MDENG");
  });

  it("uses a fresh IV each time", () => {
    expect(encryptSecret("same", key)).not.toBe(encryptSecret("same", key));
  });

  it("rejects a tampered ciphertext or another key", () => {
    const sealed = encryptSecret("secret", key);
    const parts = sealed.split(":");
    const tampered = [...parts.slice(0, 3), Buffer.from("xxxxxx").toString("base64")].join(":");
    expect(() => decryptSecret(tampered, key)).toThrow();
    expect(() => decryptSecret(sealed, randomBytes(32).toString("base64"))).toThrow();
  });
});
