// Every answer carries the security headers: pages and API answers (signed in or not, errors too)
// a Content-Security-Policy with a per-request script nonce and frame-ancestors 'none', nosniff
// and a Referrer-Policy; HSTS only when HANGAR_URL is https (it is http here).
import { expect, test, type APIResponse } from "@playwright/test";
import { DEVELOPER_EMAIL, signedInContext } from "../support/api";

function expectSecurityHeaders(response: APIResponse): string {
  const headers = response.headers();
  const policy = headers["content-security-policy"] ?? "";
  expect(policy, response.url()).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic'/);
  expect(policy).toContain("frame-ancestors 'none'");
  expect(policy).toContain("object-src 'none'");
  expect(policy).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["strict-transport-security"]).toBeUndefined();
  return /'nonce-([^']+)'/.exec(policy)![1]!;
}

test("pages and API answers carry the security headers, with a fresh nonce each time", async ({ request }) => {
  const nonces = new Set<string>();
  for (const path of ["/signin", "/api/health", "/api/v1/me", "/api/v1/environments/%00", "/no-such-page"]) {
    const response = await request.get(path, { maxRedirects: 0 });
    nonces.add(expectSecurityHeaders(response));
  }
  expect(nonces.size).toBe(5);
});

test("the page's scripts carry the nonce its policy names", async ({ request }) => {
  const response = await request.get("/signin");
  const nonce = expectSecurityHeaders(response);
  const html = await response.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
});

test("signed-in API answers and refusals carry them too", async () => {
  const developer = await signedInContext(DEVELOPER_EMAIL);
  try {
    expectSecurityHeaders(await developer.get("/api/v1/me"));
    expectSecurityHeaders(await developer.post("/api/v1/environments", { data: { name: "Not-Valid", template: "web-dev" } }));
  } finally {
    await developer.dispose();
  }
});
