import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce, securityHeaders } from "./security-headers";

describe("security headers", () => {
  it("lets scripts run only with the request's nonce, and nothing frame the app", () => {
    const policy = contentSecurityPolicy({ nonce: "abc123==", publicUrl: "http://localhost:3000" });
    const directives = Object.fromEntries(policy.split("; ").map((d) => [d.split(" ")[0], d.split(" ").slice(1).join(" ")]));
    expect(directives["script-src"]).toBe("'self' 'nonce-abc123==' 'strict-dynamic'");
    expect(directives["script-src"]).not.toContain("unsafe-inline");
    expect(directives["frame-ancestors"]).toBe("'none'");
    expect(directives["object-src"]).toBe("'none'");
    expect(directives["style-src"]).toBe("'self' 'unsafe-inline'");
    expect(policy).not.toContain("upgrade-insecure-requests");
    expect(contentSecurityPolicy({ nonce: "n", publicUrl: "http://x", development: true })).toContain("'unsafe-eval'");
  });

  it("sends HSTS only when the public URL is https", () => {
    const plain = securityHeaders({ nonce: "n", publicUrl: "http://localhost:3000" });
    expect(plain).toMatchObject({ "x-content-type-options": "nosniff", "referrer-policy": "strict-origin-when-cross-origin" });
    expect(plain["strict-transport-security"]).toBeUndefined();
    const secure = securityHeaders({ nonce: "n", publicUrl: "https://hangar.example.com" });
    expect(secure["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
    expect(secure["content-security-policy"]).toContain("upgrade-insecure-requests");
  });

  it("makes a fresh nonce of 128 bits each time", () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    expect(Buffer.from([...nonces][0]!, "base64")).toHaveLength(16);
  });
});
