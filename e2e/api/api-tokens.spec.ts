// API tokens, CSRF and request limits against the running system: a token made with a session
// works as Bearer with no cookie, its scope holds, revoking it ends it at once, cookie calls
// from a foreign origin or with a text body are refused while token calls are not, POSTs replay
// under an Idempotency-Key, and hostile input (a NUL byte, an oversized body) is a 4xx.
import { randomUUID } from "node:crypto";
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import pg from "pg";
import { baseUrl, expectError, signedInContext } from "../support/api";
import { createUser, databaseUrl, type SeededUser } from "../support/users";

let user: SeededUser;
let session: APIRequestContext;
const bare: APIRequestContext[] = [];

async function withToken(token: string): Promise<APIRequestContext> {
  const context = await playwrightRequest.newContext({ baseURL: baseUrl(), extraHTTPHeaders: { authorization: `Bearer ${token}` } });
  bare.push(context);
  return context;
}

async function makeToken(scope: "read" | "write" | "admin", name = `e2e-${scope}`): Promise<{ token: string; id: string }> {
  const response = await session.post("/api/v1/tokens", { data: { name, scope, expiresInDays: 1 } });
  expect(response.status(), await response.text()).toBe(201);
  const body = (await response.json()) as { token: string; item: { id: string; prefix: string; scope: string } };
  expect(body.token.startsWith(body.item.prefix)).toBe(true);
  return { token: body.token, id: body.item.id };
}

test.beforeAll(async () => {
  user = await createUser({ role: "developer", teamSlug: "e2e-tokens", label: "tokens" });
  session = await signedInContext(user.email, user.password);
});
test.afterAll(async () => {
  await session?.dispose();
  for (const context of bare) await context.dispose();
});

test("a token works without a cookie, shows who it is, and never leaks session internals", async () => {
  const { token, id } = await makeToken("write");
  const api = await withToken(token);
  const me = await api.get("/api/v1/me");
  expect(me.status()).toBe(200);
  const body = (await me.json()) as Record<string, unknown>;
  expect(body).toMatchObject({ email: user.email, token: { id, scope: "write", teamId: null } });
  expect(body).not.toHaveProperty("sessionVersion");
  const sessionMe = (await (await session.get("/api/v1/me")).json()) as Record<string, unknown>;
  expect(sessionMe).not.toHaveProperty("sessionVersion");

  const listed = (await (await session.get("/api/v1/tokens")).json()) as { items: { id: string; lastUsedAt: string | null }[] };
  const mine = listed.items.find((item) => item.id === id)!;
  expect(mine.lastUsedAt).not.toBeNull();
  expect(JSON.stringify(listed)).not.toContain(token.slice(12));
});

test("scopes hold: a read token reads but cannot change anything, a write token can", async () => {
  const read = await withToken((await makeToken("read")).token);
  expect((await read.get("/api/v1/environments")).status()).toBe(200);
  await expectError(await read.post("/api/v1/environments", { data: { name: "x" } }), 403, "forbidden");
  await expectError(await read.post("/api/v1/tokens", { data: { name: "n", scope: "admin", expiresInDays: 1 } }), 403, "forbidden");
  const write = await withToken((await makeToken("write")).token);
  // Past authentication and scope: the body is what is wrong.
  await expectError(await write.post("/api/v1/environments", { data: { template: "no-such-template" } }), 400, "invalid", "name");
  // Making tokens needs a session or an admin token.
  await expectError(await write.post("/api/v1/tokens", { data: { name: "n", scope: "read", expiresInDays: 1 } }), 403, "forbidden");
});

test("revoking ends a token at once, and bad tokens are a 401 that says why", async () => {
  const { token, id } = await makeToken("admin");
  const api = await withToken(token);
  expect((await api.get("/api/v1/me")).status()).toBe(200);
  // Revoked with the admin token itself: the change records which token made it.
  const revoked = await api.delete(`/api/v1/tokens/${id}`);
  expect(revoked.status(), await revoked.text()).toBe(200);
  expect(((await revoked.json()) as { state: string }).state).toBe("revoked");
  const after = await expectError(await api.get("/api/v1/me"), 401, "unauthenticated");
  expect(after.error.message).toMatch(/invalid, expired or revoked/);
  const malformed = await playwrightRequest.newContext({ baseURL: baseUrl(), extraHTTPHeaders: { authorization: "Basic abc" } });
  bare.push(malformed);
  await expectError(await malformed.get("/api/v1/me"), 401, "unauthenticated");

  const url = databaseUrl();
  if (url) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query<{ apiTokenId: string | null; action: string }>(`SELECT "apiTokenId", action FROM "AuditEvent" WHERE "targetType" = 'api_token' AND "targetId" = $1 ORDER BY id`, [id]);
    await client.end();
    expect(rows).toEqual([
      { action: "api_token.create", apiTokenId: null },
      { action: "api_token.revoke", apiTokenId: id },
    ]);
  }
});

test("cookie calls from another origin or with a non-JSON body are refused; token calls are not", async () => {
  const evil = await expectError(await session.post("/api/v1/tokens", { headers: { origin: "https://evil.example" }, data: { name: "n", scope: "read", expiresInDays: 1 } }), 403, "forbidden");
  expect(evil.error.message).toMatch(/Cross-origin/);
  await expectError(await session.post("/api/v1/tokens", { headers: { origin: "null" }, data: { name: "n", scope: "read", expiresInDays: 1 } }), 403, "forbidden");
  await expectError(await session.post("/api/v1/tokens", { headers: { "sec-fetch-site": "same-site" }, data: { name: "n", scope: "read", expiresInDays: 1 } }), 403, "forbidden");
  const text = await session.post("/api/v1/tokens", { headers: { "content-type": "text/plain" }, data: JSON.stringify({ name: "n", scope: "read", expiresInDays: 1 }) });
  await expectError(text, 415, "unsupported_media_type");
  // Reads are not affected, and a token call from anywhere is fine.
  expect((await session.get("/api/v1/me", { headers: { origin: "https://evil.example" } })).status()).toBe(200);
  const api = await withToken((await makeToken("write")).token);
  await expectError(await api.post("/api/v1/environments", { headers: { origin: "https://evil.example", "content-type": "application/json" }, data: "{}" }), 400, "invalid");
});

test("an Idempotency-Key replays the first answer (never a secret shown once), and refuses another body under the same key", async () => {
  const key = randomUUID();
  const first = await session.post("/api/v1/tokens", { headers: { "idempotency-key": key }, data: { name: "idem", scope: "read", expiresInDays: 1 } });
  expect(first.status()).toBe(201);
  const { token } = (await first.json()) as { token: string };
  // The new token is shown once and not kept for replays: a retry learns the request was done.
  const again = await session.post("/api/v1/tokens", { headers: { "idempotency-key": key }, data: { name: "idem", scope: "read", expiresInDays: 1 } });
  expect(again.headers()["idempotent-replayed"]).toBe("true");
  expect(await again.text()).not.toContain(token);
  await expectError(again, 409, "conflict", "headers.Idempotency-Key");
  const tokens = (await (await session.get("/api/v1/tokens")).json()) as { items: { name: string }[] };
  expect(tokens.items.filter((item) => item.name === "idem")).toHaveLength(1);
  await expectError(await session.post("/api/v1/tokens", { headers: { "idempotency-key": key }, data: { name: "other", scope: "read", expiresInDays: 1 } }), 409, "conflict");
  await expectError(await session.post("/api/v1/tokens", { headers: { "idempotency-key": "has spaces" }, data: { name: "x", scope: "read", expiresInDays: 1 } }), 400, "invalid", "headers.Idempotency-Key");
});

test("hostile input is a 4xx: a NUL byte in a path or query, an oversized body", async () => {
  await expectError(await session.get("/api/v1/environments/%00"), 400, "invalid");
  const search = await session.get("/api/v1/environments?search=%00");
  expect(search.status()).toBeLessThan(500);
  const huge = await session.post("/api/v1/environments", { data: { name: "x", parameters: { blob: "x".repeat(2 * 1024 * 1024) } } });
  await expectError(huge, 413, "payload_too_large");
});
