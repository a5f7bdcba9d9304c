// The editor's check as you type, over HTTP: POST /api/v1/templates/validate answers with the
// same issues publishing would give (200 either way), writes nothing, takes JSON or the YAML as
// the body, refuses a request without a source or over the cap (400), and is for publishers only.
import { randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { DEVELOPER_EMAIL, expectError, signedInContext } from "../support/api";
import { createUser, databaseUrl } from "../support/users";

let platform: APIRequestContext;
let developer: APIRequestContext;
const yaml = (name: string) => `name: ${name}\nlease: { default: 1h, max: 1d }\ninstanceGroups:\n  - name: web\n    image: ami-0123456789abcdef0\n    instanceType: t3.micro\n`;
const broken = yaml("Broken").replace("instanceType: t3.micro", "instanceType: t3.micro\n    colour: blue");
type Validation = { valid: boolean; issues: { path: string; message: string; line?: number; column?: number }[] };

test.beforeAll(async () => {
  test.skip(!databaseUrl(), "needs the system's database to create a platform user");
  const user = await createUser({ role: "platform", teamSlug: `platform-${randomUUID().slice(0, 6)}`, label: "platform-validate" });
  platform = await signedInContext(user.email, user.password);
  developer = await signedInContext(DEVELOPER_EMAIL);
});
test.afterAll(async () => {
  await platform?.dispose();
  await developer?.dispose();
});

test("a bad source is 200 with publishing's issues at their line and column; a good one is valid", async () => {
  const checked = await platform.post("/api/v1/templates/validate", { data: { source: broken } });
  expect(checked.status(), await checked.text()).toBe(200);
  const body = (await checked.json()) as Validation;
  expect(body.valid).toBe(false);
  expect(body.issues).toContainEqual({ path: "instanceGroups.0.colour", message: "is not a known field", line: 7, column: 5 });

  // Exactly what publishing says about the same source.
  const published = await expectError(await platform.post("/api/v1/templates", { data: { slug: `val-${randomUUID().slice(0, 8)}`, source: broken } }), 400, "invalid");
  expect(published.error.issues).toEqual(body.issues);

  const good = await platform.post("/api/v1/templates/validate", { data: yaml("Fine"), headers: { "content-type": "application/yaml" } });
  expect(await good.json()).toEqual({ valid: true, issues: [] });
  const notYaml = (await (await platform.post("/api/v1/templates/validate", { data: "name: [unclosed\n", headers: { "content-type": "application/yaml" } })).json()) as Validation;
  expect(notYaml.valid).toBe(false);
  expect(notYaml.issues[0]).toMatchObject({ path: "source", line: expect.any(Number), column: expect.any(Number) });
});

test("writes nothing: no template appears for a valid source", async () => {
  const name = `Unpublished ${randomUUID().slice(0, 8)}`;
  expect((await platform.post("/api/v1/templates/validate", { data: { source: yaml(name) } })).status()).toBe(200);
  const listed = (await (await platform.get(`/api/v1/templates?search=${encodeURIComponent(name)}&archived=include`)).json()) as { items: unknown[] };
  expect(listed.items).toEqual([]);
});

test("bad requests are 400 at their field; developers are 403", async () => {
  await expectError(await platform.post("/api/v1/templates/validate", { data: {} }), 400, "invalid", "source");
  await expectError(await platform.post("/api/v1/templates/validate", { data: { source: "" } }), 400, "invalid", "source");
  await expectError(await platform.post("/api/v1/templates/validate", { data: { source: yaml("x"), slug: "extra" } }), 400, "invalid");
  await expectError(await platform.post("/api/v1/templates/validate", { data: "{ not json", headers: { "content-type": "application/json" } }), 400, "invalid", "body");
  await expectError(await platform.post("/api/v1/templates/validate", { data: { source: `${yaml("Huge")}# ${"é".repeat(140 * 1024)}\n` } }), 400, "invalid", "source");
  await expectError(await developer.post("/api/v1/templates/validate", { data: { source: yaml("Mine") } }), 403, "forbidden");
});
