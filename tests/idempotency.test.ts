// Idempotency-Key on real Postgres: the first request claims the key, a retry replays the kept
// answer, another request under the same key is refused, a running one answers 409, a 5xx
// releases the key, and keys expire after 24 h.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerToKeep, claimIdempotencyKey, IDEMPOTENCY_TTL_MS, idempotencyPrincipal, settleIdempotencyKey, validateIdempotencyKey } from "../lib/idempotency/idempotency-keys";
import { failure } from "./helpers/callers";
import { createTestDatabase, type TestDatabase } from "./helpers/database";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

const request = (over: Partial<{ principal: string; key: string; body: string }> = {}) => ({ principal: "u1", key: "k1", method: "POST", path: "/api/v1/environments", body: '{"name":"a"}', ...over });

describe("idempotency keys", () => {
  it("replay the first answer, refuse a different request, and 409 while the first runs", async () => {
    const { db } = database;
    expect(await claimIdempotencyKey(db, request())).toBeNull();
    expect((await failure(claimIdempotencyKey(db, request()))).status).toBe(409); // still running
    await settleIdempotencyKey(db, request(), { status: 201, body: '{"id":"e1"}' });
    expect(await claimIdempotencyKey(db, request())).toEqual({ status: 201, body: '{"id":"e1"}' });
    const other = await failure(claimIdempotencyKey(db, request({ body: '{"name":"b"}' })));
    expect(other.status).toBe(409);
    expect(other.issues[0]?.path).toBe("headers.Idempotency-Key");
    // Keys belong to one principal.
    expect(await claimIdempotencyKey(db, request({ principal: "u2" }))).toBeNull();
  });

  it("release the key on a server error and forget it after 24 h", async () => {
    const { db } = database;
    expect(await claimIdempotencyKey(db, request({ key: "k2" }))).toBeNull();
    await settleIdempotencyKey(db, request({ key: "k2" }), { status: 503, body: "{}" });
    expect(await claimIdempotencyKey(db, request({ key: "k2" }))).toBeNull();
    // A 429 asks for a retry later: it is not replayed to that retry.
    await settleIdempotencyKey(db, request({ key: "k2" }), { status: 429, body: "{}" });
    expect(await claimIdempotencyKey(db, request({ key: "k2" }))).toBeNull();
    await settleIdempotencyKey(db, request({ key: "k2" }), { status: 200, body: '{"n":1}' });
    const later = new Date(Date.now() + IDEMPOTENCY_TTL_MS + 1000);
    expect(await claimIdempotencyKey(db, request({ key: "k2", body: "changed" }), later)).toBeNull();
  });

  it("never keep an answer that shows a secret once (a new token, an invite link): its replay is a 409", () => {
    const token = '{"token":"hgr_secret","item":{"id":"t1"}}';
    const kept = answerToKeep({ status: 201, body: token, cacheControl: "no-store" });
    expect(kept.status).toBe(409);
    expect(kept.body).not.toContain("hgr_secret");
    expect(JSON.parse(kept.body)).toMatchObject({ error: { code: "conflict", issues: [{ path: "headers.Idempotency-Key" }] } });
    expect(answerToKeep({ status: 201, body: token, cacheControl: "private, No-Store" }).status).toBe(409);
    // Other answers (and refusals of a no-store route) are kept as they were.
    expect(answerToKeep({ status: 201, body: '{"id":"e1"}', cacheControl: null })).toEqual({ status: 201, body: '{"id":"e1"}' });
    expect(answerToKeep({ status: 400, body: "{}", cacheControl: "no-store" })).toEqual({ status: 400, body: "{}" });
  });

  it("belong to the token when the call came with one, not to its owner", () => {
    expect(idempotencyPrincipal({ userId: "u1" })).toBe("u1");
    expect(idempotencyPrincipal({ userId: "u1", token: { id: "t1" } })).not.toBe("u1");
    expect(idempotencyPrincipal({ userId: "u1", token: { id: "t1" } })).not.toBe(idempotencyPrincipal({ userId: "u1", token: { id: "t2" } }));
  });

  it("accept only sensible keys", () => {
    expect(validateIdempotencyKey("0b6f2c1e-8a1c-4d55-9a51-2f0d1b4b7c11")).toBeTruthy();
    for (const bad of ["", "has space", "x".repeat(256), "ünï"]) expect(() => validateIdempotencyKey(bad)).toThrow(/Idempotency-Key/);
  });
});
