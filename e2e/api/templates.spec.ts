// Publishing templates over HTTP: a platform engineer creates one (JSON or the YAML as the
// body), publishes on the latest version only, and a bad source is a 400 at its line; a
// developer cannot publish, and a template shared with another team does not exist for theirs.
import { randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { DEVELOPER_EMAIL, expectError, signedInContext } from "../support/api";
import { createUser, databaseUrl } from "../support/users";

test.describe.configure({ mode: "serial" });

let platform: APIRequestContext;
let developer: APIRequestContext;
const slug = `e2e-tpl-${randomUUID().slice(0, 8)}`;
const yaml = (name: string) => `name: ${name}\nlease: { default: 1h, max: 1d }\ninstanceGroups:\n  - name: web\n    image: ami-0123456789abcdef0\n    instanceType: t3.micro\n`;

test.beforeAll(async () => {
  test.skip(!databaseUrl(), "needs the system's database to create a platform user");
  // A platform team of its own: the demo developer's team does not own what it publishes.
  const user = await createUser({ role: "platform", teamSlug: `platform-${randomUUID().slice(0, 6)}`, label: "platform" });
  platform = await signedInContext(user.email, user.password);
  developer = await signedInContext(DEVELOPER_EMAIL);
});
test.afterAll(async () => {
  await platform?.dispose();
  await developer?.dispose();
});

test("create with the YAML as the body, publish on the latest version, a stale base is 409 with both numbers", async () => {
  const created = await platform.post(`/api/v1/templates?slug=${slug}&changeNote=${encodeURIComponent("first cut")}`, { data: yaml("E2E box"), headers: { "content-type": "application/yaml" } });
  expect(created.status(), await created.text()).toBe(201);
  expect(created.headers().location).toBe(`/api/v1/templates/${slug}`);
  expect(await created.json()).toMatchObject({ slug, version: 1, created: true });

  const v2 = await platform.post(`/api/v1/templates/${slug}/versions`, { data: { source: yaml("E2E box v2"), baseVersion: 1, changeNote: "renamed" } });
  expect(v2.status()).toBe(201);
  const stale = await expectError(await platform.post(`/api/v1/templates/${slug}/versions`, { data: { source: yaml("E2E box v3"), baseVersion: 1 } }), 409, "conflict", "baseVersion");
  expect(stale.error.message).toMatch(/Version 2 of .* was published after version 1/);

  const versions = (await (await developer.get(`/api/v1/templates/${slug}/versions`)).json()) as { items: { version: number; changeNote: string }[] };
  expect(versions.items.map((v) => [v.version, v.changeNote])).toEqual([
    [2, "renamed"],
    [1, "first cut"],
  ]);
  await expectError(await developer.get(`/api/v1/templates/${slug}?version=7`), 404, "not_found", "version");
});

test("a bad source is 400 with each problem's line and column; a developer cannot publish (403)", async () => {
  const body = await expectError(
    await platform.post(`/api/v1/templates/${slug}/versions`, { data: { source: yaml("Broken").replace("instanceType: t3.micro", "instanceType: t3.micro\n    colour: blue") } }),
    400,
    "invalid",
    "instanceGroups.0.colour",
  );
  expect(body.error.issues?.[0]).toMatchObject({ line: 7, column: 5 });
  await expectError(await developer.post(`/api/v1/templates/${slug}/versions`, { data: { source: yaml("Mine now") } }), 403, "forbidden");
  await expectError(await developer.post("/api/v1/templates", { data: { slug: `${slug}-dev`, source: yaml("Dev's") } }), 403, "forbidden");
  await expectError(await platform.post("/api/v1/templates", { data: { slug, source: yaml("Again") } }), 409, "conflict", "slug");
});

test("shared with another team only: the developer's team neither lists, reads nor requests it", async () => {
  const patched = await platform.patch(`/api/v1/templates/${slug}`, { data: { sharedWith: ["other-e2e-team"] } });
  await expectError(patched, 400, "invalid", "sharedWith.0");
  const otherTeam = await createUser({ role: "developer", teamSlug: `other-${randomUUID().slice(0, 6)}`, label: "other" });
  const shared = await platform.patch(`/api/v1/templates/${slug}`, { data: { sharedWith: [otherTeam.teamSlug] } });
  expect(shared.status(), await shared.text()).toBe(200);
  await expectError(await developer.get(`/api/v1/templates/${slug}`), 404, "not_found");
  await expectError(await developer.post("/api/v1/environments", { data: { name: `tpl-${randomUUID().slice(0, 6)}`, template: slug } }), 404, "not_found", "template");
  const listed = (await (await developer.get(`/api/v1/templates?search=${slug}`)).json()) as { items: unknown[] };
  expect(listed.items).toEqual([]);
  const archived = await platform.patch(`/api/v1/templates/${slug}`, { data: { archived: true, sharedWith: "all" } });
  expect(await archived.json()).toMatchObject({ archived: true, sharedWith: "all" });
  await expectError(await developer.post("/api/v1/environments", { data: { name: `tpl-${randomUUID().slice(0, 6)}`, template: slug } }), 409, "conflict", "template");
});
