// Releases from CI on real Postgres: a developer issues a service's webhook secret (shown once,
// stored only sealed, never in an audit row); a delivery signed with it creates a release by the
// "webhook" actor, audited; the same delivery id again answers with that release and writes
// nothing, even when two copies arrive at once; a bad, missing or stale signature (after a
// rotation) is a 401, an unknown service a 404, a service without a secret a 401, a used version
// a 409 at version, bad input a 400 at its field path, and every refusal writes nothing.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Caller } from "../lib/identity/caller";
import { receiveReleaseWebhook } from "../lib/releases/webhook/receive-release-webhook";
import { signWebhookBody } from "../lib/releases/webhook/signature";
import { decryptSecret, secretContext } from "../lib/security/secret-box";
import { createService } from "../lib/services/create-service";
import { getService } from "../lib/services/get-service";
import { rotateWebhookSecret } from "../lib/services/rotate-webhook-secret";
import { createServiceSchema } from "../lib/services/schemas";
import { failure, userWithRole } from "./helpers/callers";
import { createWorld, type World } from "./helpers/world";

let world: World;
let developer: Caller;
let viewer: Caller;
let outsider: Caller;

const DIGEST = `sha256:${"c".repeat(64)}`;
const releaseBody = (version: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ version, artifact: `ghcr.io/acme/api:${version}@${DIGEST}`, config: { LOG_LEVEL: "info" }, commitSha: "abc1234", changelog: `Ships ${version}`, ...extra });

async function newService(name: string, owner = developer) {
  return createService(world.db, owner, createServiceSchema.parse({ name, template: "web-dev", instanceGroup: "web" }));
}

function deliver(service: string, body: string, headers: { signature?: string | null; delivery?: string | null; key?: string } = {}) {
  return receiveReleaseWebhook(world.db, {
    service,
    body,
    signature: headers.signature ?? null,
    deliveryId: headers.delivery === undefined ? randomBytes(8).toString("hex") : headers.delivery,
    encryptionKey: headers.key ?? world.encryptionKey,
    context: { ip: "10.1.2.3", userAgent: "ci" },
  });
}

/** Every audit row as text, to prove no secret (plain or sealed) is in any of them. */
async function everyAuditRow(): Promise<string> {
  const rows = await world.db.$queryRaw<{ row: string }[]>`SELECT row_to_json(a)::text AS row FROM "AuditEvent" a`;
  return rows.map((r) => r.row).join("\n");
}

/** Rows that a refused or replayed delivery must leave untouched. */
async function counts() {
  const [releases, deliveries, audits] = await Promise.all([world.db.release.count(), world.db.webhookDelivery.count(), world.db.auditEvent.count()]);
  return { releases, deliveries, audits };
}

beforeAll(async () => {
  world = await createWorld({ worker: false });
  developer = world.developer;
  viewer = await userWithRole(world.db, "hook-viewer@test.local", "demo", "viewer");
  outsider = await userWithRole(world.db, "hook-outsider@test.local", "hook-elsewhere", "developer");
});
afterAll(async () => {
  await world?.close();
});

describe("webhook secrets", () => {
  it("are shown once, stored only sealed, and audited without the value", async () => {
    const service = await newService("hook-sealed");
    const issued = await rotateWebhookSecret(world.db, developer, { service: service.id, encryptionKey: world.encryptionKey, context: { ip: "10.0.0.9" } });
    expect(issued).toMatchObject({ service: { id: service.id, name: "hook-sealed" }, replaced: false, webhookUrl: `/api/v1/services/${service.id}/webhook` });
    expect(issued.secret).toMatch(/^hwhs_/);

    const row = await world.db.service.findUniqueOrThrow({ where: { id: service.id }, select: { webhookSecretEnc: true, webhookSecretRotatedAt: true } });
    expect(row.webhookSecretEnc).not.toContain(issued.secret);
    expect(decryptSecret(row.webhookSecretEnc!, world.encryptionKey, secretContext("Service", "webhookSecretEnc", service.id))).toBe(issued.secret);
    expect(row.webhookSecretRotatedAt).toEqual(issued.rotatedAt);
    expect((await getService(world.db, developer, service.id)).webhook).toEqual({ configured: true, rotatedAt: issued.rotatedAt });
    expect(service.webhook).toEqual({ configured: false, rotatedAt: null });
    // Omitted unless selected on purpose, like the other secret columns.
    expect(await world.db.service.findUniqueOrThrow({ where: { id: service.id } })).not.toHaveProperty("webhookSecretEnc");

    const again = await rotateWebhookSecret(world.db, developer, { service: service.id, encryptionKey: world.encryptionKey });
    expect(again.replaced).toBe(true);
    expect(again.secret).not.toBe(issued.secret);
    const audits = await world.db.auditEvent.findMany({ where: { targetId: service.id, action: { startsWith: "service.webhook" } }, orderBy: { id: "asc" } });
    expect(audits.map((a) => a.action)).toEqual(["service.webhook.create", "service.webhook.rotate"]);
    expect(audits[0]).toMatchObject({ actorId: developer.userId, ip: "10.0.0.9" });
    const sealedNow = (await world.db.service.findUniqueOrThrow({ where: { id: service.id }, select: { webhookSecretEnc: true } })).webhookSecretEnc!;
    const everything = await everyAuditRow();
    for (const leak of [issued.secret, again.secret, row.webhookSecretEnc!, sealedNow]) expect(everything).not.toContain(leak);
  });

  it("viewers may not issue one (403) and another team's service is not found (404); nothing written", async () => {
    const service = await newService("hook-guarded");
    const before = await counts();
    expect((await failure(rotateWebhookSecret(world.db, viewer, { service: service.id, encryptionKey: world.encryptionKey }))).status).toBe(403);
    expect((await failure(rotateWebhookSecret(world.db, outsider, { service: service.id, encryptionKey: world.encryptionKey }))).status).toBe(404);
    expect(await counts()).toEqual(before);
    const row = await world.db.service.findUniqueOrThrow({ where: { id: service.id }, select: { webhookSecretEnc: true } });
    expect(row.webhookSecretEnc).toBeNull();
  });
});

describe("webhook deliveries", () => {
  it("a signed delivery creates the release by the webhook actor, audited with its delivery id", async () => {
    const service = await newService("hook-valid");
    const { secret } = await rotateWebhookSecret(world.db, developer, { service: service.id, encryptionKey: world.encryptionKey });
    const body = releaseBody("1.0.0");
    const result = await deliver(service.id, body, { signature: signWebhookBody(body, secret), delivery: "build-101" });
    expect(result.duplicate).toBe(false);
    expect(result.release).toMatchObject({
      service: { id: service.id, name: "hook-valid" },
      version: "1.0.0",
      artifact: { type: "image", reference: `ghcr.io/acme/api:1.0.0@${DIGEST}` },
      config: { LOG_LEVEL: "info" },
      commitSha: "abc1234",
      changelog: "Ships 1.0.0",
      createdBy: null,
    });
    const audit = await world.db.auditEvent.findFirstOrThrow({ where: { targetType: "release", targetId: result.release.id } });
    expect(audit).toMatchObject({ action: "release.create", actorId: null, actorEmail: "system:webhook", teamId: service.team.id, ip: "10.1.2.3", userAgent: "ci" });
    expect(audit.after).toMatchObject({ version: "1.0.0", deliveryId: "build-101" });
    expect(await world.db.webhookDelivery.findMany({ where: { serviceId: service.id } })).toEqual([
      expect.objectContaining({ deliveryId: "build-101", releaseId: result.release.id }),
    ]);
    expect(await everyAuditRow()).not.toContain(secret);
  });

  it("a replayed delivery id answers with its release and writes nothing, whatever the body", async () => {
    const service = await newService("hook-replay");
    const { secret } = await rotateWebhookSecret(world.db, developer, { service: service.id, encryptionKey: world.encryptionKey });
    const body = releaseBody("2.0.0");
    const first = await deliver(service.id, body, { signature: signWebhookBody(body, secret), delivery: "run-7" });
    const before = await counts();
    const replay = await deliver(service.id, body, { signature: signWebhookBody(body, secret), delivery: "run-7" });
    expect(replay).toEqual({ duplicate: true, release: first.release, deployment: null, outbox: null });
    const other = releaseBody("2.0.1");
    expect(await deliver(service.id, other, { signature: signWebhookBody(other, secret), delivery: "run-7" })).toEqual({ duplicate: true, release: first.release, deployment: null, outbox: null });
    expect(await counts()).toEqual(before);
  });

  it("two copies of one delivery at once create one release; the other answers as a replay", async () => {
    const service = await newService("hook-race");
    const { secret } = await rotateWebhookSecret(world.db, developer, { service: service.id, encryptionKey: world.encryptionKey });
    const before = await counts();
    const [a, b] = await Promise.all(
      ["3.0.0", "3.0.1"].map((version) => {
        const body = releaseBody(version);
        return deliver(service.id, body, { signature: signWebhookBody(body, secret), delivery: "same-delivery" });
      }),
    );
    expect([a!.duplicate, b!.duplicate].sort()).toEqual([false, true]);
    expect(a!.release.id).toBe(b!.release.id);
    expect(await counts()).toEqual({ releases: before.releases + 1, deliveries: before.deliveries + 1, audits: before.audits + 1 });
  });

  it("a bad, missing or malformed signature is a 401 saying why, and writes nothing", async () => {
    const service = await newService("hook-badsig");
    const { secret } = await rotateWebhookSecret(world.db, developer, { service: service.id, encryptionKey: world.encryptionKey });
    const body = releaseBody("4.0.0");
    const before = await counts();
    const cases: [string | null, RegExp][] = [
      [signWebhookBody(body, "not-the-secret"), /does not match/],
      [signWebhookBody(`${body} `, secret), /does not match/],
      [null, /X-Hangar-Signature header is missing/],
      ["sha256=xyz", /64 hex digits/],
    ];
    for (const [signature, message] of cases) {
      const error = await failure(deliver(service.id, body, { signature }));
      expect(error).toMatchObject({ status: 401, code: "unauthenticated", message: expect.stringMatching(message) });
      expect(error.issues[0]?.path).toBe("headers.X-Hangar-Signature");
    }
    expect(await counts()).toEqual(before);
  });

  it("rotation invalidates the old secret at once", async () => {
    const service = await newService("hook-rotate");
    const old = await rotateWebhookSecret(world.db, developer, { service: service.id, encryptionKey: world.encryptionKey });
    const fresh = await rotateWebhookSecret(world.db, developer, { service: service.id, encryptionKey: world.encryptionKey });
    const body = releaseBody("5.0.0");
    const before = await counts();
    expect(await failure(deliver(service.id, body, { signature: signWebhookBody(body, old.secret) }))).toMatchObject({ status: 401, message: expect.stringMatching(/does not match/) });
    expect(await counts()).toEqual(before);
    expect((await deliver(service.id, body, { signature: signWebhookBody(body, fresh.secret) })).release.version).toBe("5.0.0");
  });

  it("an unknown service is a 404, and one without a secret (or sealed with another key) a 401; nothing written", async () => {
    const body = releaseBody("6.0.0");
    const before = await counts();
    expect(await failure(deliver("00000000-0000-0000-0000-000000000000", body, { signature: signWebhookBody(body, "x") }))).toMatchObject({ status: 404 });
    const bare = await newService("hook-bare");
    const afterCreate = await counts();
    expect(await failure(deliver(bare.id, body, { signature: signWebhookBody(body, "x") }))).toMatchObject({
      status: 401,
      message: expect.stringMatching(/no webhook secret configured/),
    });
    const { secret } = await rotateWebhookSecret(world.db, developer, { service: bare.id, encryptionKey: world.encryptionKey });
    const afterRotate = await counts();
    const otherKey = randomBytes(32).toString("base64");
    expect(await failure(deliver(bare.id, body, { signature: signWebhookBody(body, secret), key: otherKey }))).toMatchObject({ status: 401, message: expect.stringMatching(/rotate it/) });
    expect(afterCreate.releases).toBe(before.releases);
    expect(await counts()).toEqual(afterRotate);
  });

  it("a used version is a 409 at version; bad input and a missing delivery id are 400s at their paths; nothing written", async () => {
    const service = await newService("hook-input");
    const { secret } = await rotateWebhookSecret(world.db, developer, { service: service.id, encryptionKey: world.encryptionKey });
    const signed = (body: string, delivery?: string | null) => deliver(service.id, body, { signature: signWebhookBody(body, secret), delivery });
    await signed(releaseBody("7.0.0"));
    const before = await counts();

    const conflict = await failure(signed(releaseBody("7.0.0")));
    expect(conflict).toMatchObject({ status: 409, issues: [{ path: "version", message: expect.stringMatching(/already has a release 7\.0\.0/) }] });

    const invalid = await failure(signed(releaseBody("7.0.1", { artifact: "ghcr.io/acme/api", config: { DB_PASSWORD: "x" } })));
    expect(invalid.status).toBe(400);
    expect(invalid.issues.map((i) => i.path).sort()).toEqual(["artifact", "config.DB_PASSWORD"]);
    expect(await failure(signed("{not json"))).toMatchObject({ status: 400, issues: [{ path: "body" }] });
    expect(await failure(signed(releaseBody("7.0.2"), null))).toMatchObject({ status: 400, issues: [{ path: "headers.X-Hangar-Delivery" }] });
    expect(await failure(signed(releaseBody("7.0.3"), "has space"))).toMatchObject({ status: 400, issues: [{ path: "headers.X-Hangar-Delivery" }] });
    expect(await counts()).toEqual(before);
  });
});
