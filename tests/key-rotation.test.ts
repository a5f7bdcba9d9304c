// `npm run keys:rotate` on real Postgres: every secret column (cloud account keys, service
// webhook secrets) is re-sealed with the new key in one transaction, rows in the old v1 format
// too; a second run finds nothing to do; a value no key opens aborts it with every row as it
// was. Until the rotation ran, the runtime reads old values through the previous key.
import { createCipheriv, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { credentialsFor } from "../lib/cloud-accounts/account-credentials";
import { SANDBOX_SECRET_ACCESS_KEY } from "../lib/seed/seed-demo";
import { rotateSecrets, RotationFailed } from "../lib/security/rotate-secrets";
import { decryptSecret, isCurrent, secretContext } from "../lib/security/secret-box";
import { createService } from "../lib/services/create-service";
import { createServiceSchema } from "../lib/services/schemas";
import { rotateWebhookSecret } from "../lib/services/rotate-webhook-secret";
import { createWorld, type World } from "./helpers/world";

let world: World;
const newKey = randomBytes(32).toString("base64");

/** The stored form rows had before v2 (no associated data). */
function sealV1(plaintext: string, base64Key: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", Buffer.from(base64Key, "base64"), iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64"), cipher.getAuthTag().toString("base64"), ciphertext.toString("base64")].join(":");
}

const accountRow = () => world.db.cloudAccount.findUniqueOrThrow({ where: { id: world.ids.cloudAccountId }, omit: { secretAccessKeyEnc: false } });

beforeAll(async () => {
  world = await createWorld({ worker: false });
});
afterAll(async () => {
  await world?.close();
});

describe("key rotation", () => {
  it("re-seals every secret with the new key, v1 rows included, and is idempotent", async () => {
    const service = await createService(world.db, world.developer, createServiceSchema.parse({ name: "rotating", template: "web-dev", instanceGroup: "web" }));
    const { secret } = await rotateWebhookSecret(world.db, world.developer, { service: service.id, encryptionKey: world.encryptionKey });
    // Another account whose key pair was stored before v2.
    const legacy = await world.db.cloudAccount.create({
      data: { id: "legacy-acct", name: "legacy", provider: "sandbox", regions: ["us-east-1"], defaultRegion: "us-east-1", endpoint: world.sandbox.url, credentialSource: "static", accessKeyId: "AKIALEGACY0000000001", secretAccessKeyEnc: sealV1("legacy-secret-value", world.encryptionKey), sharedWithAll: true },
    });

    const keys = { current: newKey, previous: world.encryptionKey };
    // Before the rotation the runtime reads old values through the previous key.
    expect(credentialsFor(await accountRow(), keys)?.secretAccessKey).toBe(SANDBOX_SECRET_ACCESS_KEY);

    const first = await rotateSecrets(world.db, keys);
    expect(first).toEqual({ "CloudAccount.secretAccessKeyEnc": { resealed: 2, current: 0 }, "Service.webhookSecretEnc": { resealed: 1, current: 0 } });

    const sandbox = await accountRow();
    const legacyRow = await world.db.cloudAccount.findUniqueOrThrow({ where: { id: legacy.id }, omit: { secretAccessKeyEnc: false } });
    const serviceRow = await world.db.service.findUniqueOrThrow({ where: { id: service.id }, select: { webhookSecretEnc: true } });
    for (const sealed of [sandbox.secretAccessKeyEnc!, legacyRow.secretAccessKeyEnc!, serviceRow.webhookSecretEnc!]) expect(isCurrent(sealed, newKey)).toBe(true);
    // The old key alone opens nothing any more; the new one alone opens everything.
    expect(credentialsFor(sandbox, newKey)?.secretAccessKey).toBe(SANDBOX_SECRET_ACCESS_KEY);
    expect(() => credentialsFor(sandbox, world.encryptionKey)).toThrow(/cannot be read/);
    expect(decryptSecret(legacyRow.secretAccessKeyEnc!, newKey, secretContext("CloudAccount", "secretAccessKeyEnc", legacy.id))).toBe("legacy-secret-value");
    expect(decryptSecret(serviceRow.webhookSecretEnc!, newKey, secretContext("Service", "webhookSecretEnc", service.id))).toBe(secret);
    // Re-sealing is not a configuration change: cached cloud clients stay valid.
    expect(sandbox.updatedAt).toEqual((await accountRow()).updatedAt);

    expect(await rotateSecrets(world.db, keys)).toEqual({ "CloudAccount.secretAccessKeyEnc": { resealed: 0, current: 2 }, "Service.webhookSecretEnc": { resealed: 0, current: 1 } });
  });

  it("stops at a value no key opens and changes nothing", async () => {
    const before = await world.db.cloudAccount.findMany({ omit: { secretAccessKeyEnc: false }, orderBy: { id: "asc" } });
    await world.db.cloudAccount.update({ where: { id: "legacy-acct" }, data: { secretAccessKeyEnc: sealV1("sealed-elsewhere", randomBytes(32).toString("base64")) } });
    const unreadable = (await world.db.cloudAccount.findUniqueOrThrow({ where: { id: "legacy-acct" }, omit: { secretAccessKeyEnc: false } })).secretAccessKeyEnc;
    const evenNewer = randomBytes(32).toString("base64");
    await expect(rotateSecrets(world.db, { current: evenNewer, previous: newKey })).rejects.toThrow(RotationFailed);
    const after = await world.db.cloudAccount.findMany({ omit: { secretAccessKeyEnc: false }, orderBy: { id: "asc" } });
    expect(after.map((a) => a.secretAccessKeyEnc)).toEqual(before.map((a) => (a.id === "legacy-acct" ? unreadable : a.secretAccessKeyEnc)));
  });
});
