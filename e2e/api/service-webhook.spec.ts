// Releases from CI over HTTP against the built system: a developer issues a service's webhook
// secret (201, shown once, not cached); a caller with no session posts a release signed with it
// (201 with its location), a replay of the delivery id is a 200 duplicate, a bad signature or a
// rotated-away secret a 401, a used version a 409 at version, an unknown service a 404, a service
// without a secret a 401 and a body over 256 KB a 413 — never a 500.
import { createHmac, randomUUID } from "node:crypto";
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { baseUrl, DEVELOPER_EMAIL, expectError, signedInContext, uniqueName } from "../support/api";

test.describe.configure({ mode: "serial" });

let developer: APIRequestContext;
let ci: APIRequestContext;
let serviceId = "";
let secret = "";

const sign = (body: string, key: string) => `sha256=${createHmac("sha256", key).update(body).digest("hex")}`;
const releaseBody = (version: string) => JSON.stringify({ version, artifact: `ghcr.io/acme/hook:${version}`, commitSha: "9fceb02", changelog: `CI built ${version}` });

function post(service: string, body: string, signature: string | null, delivery = randomUUID()) {
  const headers: Record<string, string> = { "content-type": "application/json", "x-hangar-delivery": delivery };
  if (signature) headers["x-hangar-signature"] = signature;
  // A Buffer goes out byte for byte; Playwright would JSON-encode a string that is not JSON.
  return ci.post(`/api/v1/services/${service}/webhook`, { data: Buffer.from(body), headers });
}

async function newService(): Promise<string> {
  const created = await developer.post("/api/v1/services", { data: { name: uniqueName("hook"), template: "web-dev", instanceGroup: "web" } });
  expect(created.status(), await created.text()).toBe(201);
  return ((await created.json()) as { id: string }).id;
}

test.beforeAll(async () => {
  developer = await signedInContext(DEVELOPER_EMAIL);
  // CI has no session: the signature is its only credential.
  ci = await playwrightRequest.newContext({ baseURL: baseUrl() });
  serviceId = await newService();
});
test.afterAll(async () => {
  await Promise.all([developer?.dispose(), ci?.dispose()]);
});

test("a developer issues the secret once; CI creates a release with it; a replay writes nothing", async () => {
  const issued = await developer.post(`/api/v1/services/${serviceId}/webhook-secret`);
  expect(issued.status(), await issued.text()).toBe(201);
  expect(issued.headers()["cache-control"]).toContain("no-store");
  const answer = (await issued.json()) as { secret: string; replaced: boolean; webhookUrl: string };
  expect(answer).toMatchObject({ replaced: false, webhookUrl: `/api/v1/services/${serviceId}/webhook` });
  secret = answer.secret;
  await expectError(await ci.post(`/api/v1/services/${serviceId}/webhook-secret`), 401, "unauthenticated");

  const body = releaseBody("1.0.0");
  const delivery = randomUUID();
  const created = await post(serviceId, body, sign(body, secret), delivery);
  expect(created.status(), await created.text()).toBe(201);
  expect(created.headers().location).toBe(`/api/v1/services/${serviceId}/releases/1.0.0`);
  const { release } = (await created.json()) as { duplicate: boolean; release: { id: string; version: string; createdBy: unknown } };
  expect(release).toMatchObject({ version: "1.0.0", createdBy: null });

  const replay = await post(serviceId, body, sign(body, secret), delivery);
  expect(replay.status()).toBe(200);
  expect(await replay.json()).toMatchObject({ duplicate: true, release: { id: release.id } });
  const list = (await (await developer.get(`/api/v1/services/${serviceId}/releases`)).json()) as { total: number };
  expect(list.total).toBe(1);

  await expectError(await post(serviceId, body, sign(body, secret)), 409, "conflict", "version");
});

test("bad signatures, unknown services, services without a secret and big bodies are clear 4xx", async () => {
  const body = releaseBody("2.0.0");
  await expectError(await post(serviceId, body, null), 401, "unauthenticated", "headers.X-Hangar-Signature");
  await expectError(await post(serviceId, body, sign(body, "wrong")), 401, "unauthenticated", "headers.X-Hangar-Signature");
  await expectError(await post(serviceId, `${body}\n`, sign(body, secret)), 401, "unauthenticated");
  await expectError(await post(randomUUID(), body, sign(body, secret)), 404, "not_found");
  const bare = await newService();
  const refused = await expectError(await post(bare, body, sign(body, secret)), 401, "unauthenticated");
  expect(refused.error.message).toContain("no webhook secret configured");
  const huge = JSON.stringify({ version: "2.0.1", artifact: "ghcr.io/acme/hook:2.0.1", changelog: "x".repeat(300 * 1024) });
  await expectError(await post(serviceId, huge, sign(huge, secret)), 413, "payload_too_large");
  await expectError(await post(serviceId, "{not json", sign("{not json", secret)), 400, "invalid", "body");
  const list = (await (await developer.get(`/api/v1/services/${serviceId}/releases`)).json()) as { total: number };
  expect(list.total).toBe(1);
});

test("rotating the secret stops the old one at once", async () => {
  const rotated = await developer.post(`/api/v1/services/${serviceId}/webhook-secret`);
  expect(rotated.status()).toBe(201);
  const fresh = ((await rotated.json()) as { secret: string; replaced: boolean }).secret;
  const body = releaseBody("3.0.0");
  await expectError(await post(serviceId, body, sign(body, secret)), 401, "unauthenticated");
  expect((await post(serviceId, body, sign(body, fresh))).status()).toBe(201);
});
