// Services and releases over HTTP: the demo developer creates a service and releases of it; bad
// input is a 4xx at its field path (never a 500), a used name or version a 409; a viewer reads but
// gets 403 on create; another team's developer gets 404 for the service and its releases.
import { randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { DEVELOPER_EMAIL, expectError, signedInContext, uniqueName } from "../support/api";
import { createUser, databaseUrl } from "../support/users";

test.describe.configure({ mode: "serial" });

let developer: APIRequestContext;
let viewer: APIRequestContext;
let outsider: APIRequestContext;
const name = uniqueName("svc");
const image = (tag: string) => `ghcr.io/acme/web:${tag}@sha256:${"c".repeat(64)}`;
let serviceId = "";

test.beforeAll(async () => {
  test.skip(!databaseUrl(), "needs the system's database to create a viewer and another team");
  developer = await signedInContext(DEVELOPER_EMAIL);
  const seen = await createUser({ role: "viewer", teamSlug: "demo", label: "svc-viewer" });
  viewer = await signedInContext(seen.email, seen.password);
  const other = await createUser({ role: "developer", teamSlug: `other-${randomUUID().slice(0, 6)}`, label: "svc-outsider" });
  outsider = await signedInContext(other.email, other.password);
});
test.afterAll(async () => {
  await Promise.all([developer?.dispose(), viewer?.dispose(), outsider?.dispose()]);
});

test("create a service: 201 with its location; bad input is a 400 at its path; a used name is a 409", async () => {
  const body = { name, template: "web-dev", instanceGroup: "web", healthCheck: { http: { path: "/healthz", port: 8080 } }, defaultStrategy: { type: "blue-green" } };
  const created = await developer.post("/api/v1/services", { data: body });
  expect(created.status(), await created.text()).toBe(201);
  const service = (await created.json()) as { id: string; defaultStrategy: unknown; healthCheck: unknown };
  serviceId = service.id;
  expect(created.headers().location).toBe(`/api/v1/services/${service.id}`);
  expect(service.defaultStrategy).toEqual({ type: "blue-green", graceMinutes: 15 });

  await expectError(await developer.post("/api/v1/services", { data: { ...body, name: uniqueName("svc"), instanceGroup: "api" } }), 400, "invalid", "instanceGroup");
  await expectError(await developer.post("/api/v1/services", { data: { ...body, defaultStrategy: { type: "rolling", batchSize: 0 } } }), 400, "invalid", "defaultStrategy.batchSize");
  await expectError(await developer.post("/api/v1/services", { data: { ...body, healthCheck: { http: { path: "/", port: "eighty" } } } }), 400, "invalid", "healthCheck.http.port");
  await expectError(await developer.post("/api/v1/services", { data: "not json", headers: { "content-type": "application/json" } }), 400, "invalid");
  await expectError(await developer.post("/api/v1/services", { data: body }), 409, "conflict", "name");
  await expectError(await viewer.post("/api/v1/services", { data: { ...body, name: uniqueName("svc") } }), 403, "forbidden");
});

test("read it by id or name and find it in the list; another team gets 404", async () => {
  const byName = await developer.get(`/api/v1/services/${name}`);
  expect(byName.status()).toBe(200);
  expect(await byName.json()).toMatchObject({ id: serviceId, name, team: { slug: "demo" }, canWrite: true });
  expect(await (await viewer.get(`/api/v1/services/${serviceId}`)).json()).toMatchObject({ name, canWrite: false });
  const list = (await (await developer.get(`/api/v1/services?search=${name}`)).json()) as { items: { id: string }[]; total: number };
  expect(list.items.map((s) => s.id)).toEqual([serviceId]);
  await expectError(await developer.get("/api/v1/services?limit=0"), 400, "invalid", "query.limit");
  await expectError(await outsider.get(`/api/v1/services/${serviceId}`), 404, "not_found");
});

test("releases: 201, a used version is a 409, secrets in config a 400, read back by version", async () => {
  const releases = `/api/v1/services/${serviceId}/releases`;
  const created = await developer.post(releases, { data: { version: "1.0.0+build.7", artifact: image("1.0.0"), config: { LOG_LEVEL: "info" }, commitSha: "9fceb02" } });
  expect(created.status(), await created.text()).toBe(201);
  expect(created.headers().location).toBe(`${releases}/${encodeURIComponent("1.0.0+build.7")}`);

  await expectError(await developer.post(releases, { data: { version: "1.0.0+build.7", artifact: image("1.0.0") } }), 409, "conflict", "version");
  const secret = await expectError(await developer.post(releases, { data: { version: "1.0.1", artifact: image("1.0.1"), config: { DB_PASSWORD: "x" } } }), 400, "invalid", "config.DB_PASSWORD");
  expect(secret.error.message).toContain("config must not hold secrets");
  await expectError(await developer.post(releases, { data: { version: "1.0.1", artifact: "nginx" } }), 400, "invalid", "artifact");
  await expectError(await viewer.post(releases, { data: { version: "1.0.1", artifact: image("1.0.1") } }), 403, "forbidden");
  await expectError(await outsider.post(releases, { data: { version: "1.0.1", artifact: image("1.0.1") } }), 404, "not_found");

  const read = await viewer.get(`${releases}/${encodeURIComponent("1.0.0+build.7")}`);
  expect(read.status(), await read.text()).toBe(200);
  expect(await read.json()).toMatchObject({ version: "1.0.0+build.7", artifact: { type: "image" }, config: { LOG_LEVEL: "info" }, commitSha: "9fceb02" });
  const list = (await (await developer.get(`${releases}?limit=10`)).json()) as { items: { version: string }[]; total: number };
  expect(list).toMatchObject({ total: 1, items: [{ version: "1.0.0+build.7" }] });
  await expectError(await developer.get(`${releases}/9.9.9`), 404, "not_found", "version");
  await expectError(await outsider.get(`${releases}/1.0.0`), 404, "not_found");
});
