// Deploy history over HTTP against the built system: a developer deploys two releases of a
// service to a ready environment through the real deploy engine, then reads one deployment (its
// release from → to, run steps, the config diff), finds both in the history with filters, search
// and cursors, and exports them as CSV and JSON attachments; bad filters are 400s at
// query.<field>; another team's developer gets 404 for the deployment and sees none of them.
import { randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { DEVELOPER_EMAIL, destroyAndWait, expectError, requestEnvironment, signedInContext, uniqueName, waitForState } from "../support/api";
import { createUser, databaseUrl } from "../support/users";

test.describe.configure({ mode: "serial" });

type Deployment = {
  id: string;
  state: string;
  release: { version: string };
  fromRelease: { version: string } | null;
  environment: { id: string; name: string };
  run: { id: string; steps: { name: string; state: string }[] } | null;
  diff: { version: { from: string | null; to: string }; config: { added: Record<string, string>; changed: Record<string, { from: string; to: string }> } };
  actions: { canRollback: boolean };
};
type Page = { items: { id: string; release: { version: string }; fromRelease: { version: string } | null; state: string }[]; total: number; nextCursor: string | null; prevCursor: string | null };

let developer: APIRequestContext;
let outsider: APIRequestContext;
const serviceName = uniqueName("hist");
const environmentName = uniqueName("hist-env");
let environmentId = "";
let serviceId = "";
const deployed: string[] = [];

const SETTLED = /^(succeeded|failed|rolled_back|canceled)$/;

async function deployment(context: APIRequestContext, id: string): Promise<Deployment> {
  const response = await context.get(`/api/v1/deployments/${id}`);
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()) as Deployment;
}

async function deployAndWait(version: string): Promise<Deployment> {
  const response = await developer.post(`/api/v1/services/${serviceId}/deployments`, { data: { release: version, environment: environmentName } });
  expect(response.status(), await response.text()).toBe(202);
  const { id } = (await response.json()) as { id: string };
  expect(response.headers().location).toBe(`/api/v1/deployments/${id}`);
  deployed.unshift(id);
  let last: Deployment | undefined;
  await expect
    .poll(async () => (last = await deployment(developer, id)).state, { timeout: 120_000, intervals: [500, 1000] })
    .toMatch(SETTLED);
  expect(last!.state, JSON.stringify(last)).toBe("succeeded");
  return last!;
}

async function history(query: string, context = developer): Promise<Page> {
  const response = await context.get(`/api/v1/deployments?${query}`);
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()) as Page;
}

test.beforeAll(async () => {
  test.skip(!databaseUrl(), "needs the system's database to create another team");
  test.setTimeout(300_000);
  developer = await signedInContext(DEVELOPER_EMAIL);
  const other = await createUser({ role: "developer", teamSlug: `other-${randomUUID().slice(0, 6)}`, label: "hist-outsider" });
  outsider = await signedInContext(other.email, other.password);
  environmentId = (await requestEnvironment(developer, { name: environmentName, template: "web-dev", parameters: {}, ttl: "8h" })).id;
  const created = await developer.post("/api/v1/services", { data: { name: serviceName, template: "web-dev", instanceGroup: "web" } });
  expect(created.status(), await created.text()).toBe(201);
  serviceId = ((await created.json()) as { id: string }).id;
  for (const [version, config] of [
    ["1.0.0", { MODE: "a" }],
    ["1.1.0", { MODE: "b", FEATURE: "on" }],
  ] as const) {
    const release = await developer.post(`/api/v1/services/${serviceId}/releases`, { data: { version, artifact: `ghcr.io/acme/hist:${version}`, config, changelog: `release ${version}` } });
    expect(release.status(), await release.text()).toBe(201);
  }
  await waitForState(developer, environmentId, ["ready"], 90_000);
});
test.afterAll(async () => {
  if (environmentId) await destroyAndWait(developer, environmentId).catch(() => undefined);
  await Promise.all([developer?.dispose(), outsider?.dispose()]);
});

test("two deployments through the engine; the second shows from → to, its steps and the config diff", async () => {
  test.setTimeout(300_000);
  const first = await deployAndWait("1.0.0");
  expect(first).toMatchObject({ release: { version: "1.0.0" }, fromRelease: null, environment: { id: environmentId, name: environmentName } });
  const second = await deployAndWait("1.1.0");
  expect(second).toMatchObject({ release: { version: "1.1.0" }, fromRelease: { version: "1.0.0" }, actions: { canRollback: true } });
  expect(second.run?.steps.length).toBeGreaterThan(0);
  expect(second.run?.steps.every((step) => step.state === "succeeded" || step.state === "skipped")).toBe(true);
  expect(second.diff.version).toEqual({ from: "1.0.0", to: "1.1.0" });
  expect(second.diff.config).toMatchObject({ added: { FEATURE: "on" }, changed: { MODE: { from: "a", to: "b" } } });
});

test("the history lists them newest first with filters, search and cursors", async () => {
  const all = await history(`service=${serviceName}`);
  expect(all.items.map((item) => item.id)).toEqual(deployed);
  expect(all.items[0]).toMatchObject({ release: { version: "1.1.0" }, fromRelease: { version: "1.0.0" }, state: "succeeded" });
  expect((await history(`environment=${environmentName}&release=1.0.0`)).items.map((item) => item.id)).toEqual([deployed[1]]);
  expect((await history(`q=${serviceName}&result=failed,rolled_back`)).items).toEqual([]);
  expect((await history(`q=${serviceName}&person=${DEVELOPER_EMAIL}`)).items).toHaveLength(2);
  const first = await history(`service=${serviceId}&limit=1`);
  expect(first.items.map((item) => item.id)).toEqual([deployed[0]]);
  const second = await history(`service=${serviceId}&limit=1&cursor=${first.nextCursor}`);
  expect(second.items.map((item) => item.id)).toEqual([deployed[1]]);
  expect(second.nextCursor).toBeNull();
});

test("bad filters are 400s at their query field", async () => {
  await expectError(await developer.get("/api/v1/deployments?from=yesterday"), 400, "invalid", "query.from");
  await expectError(await developer.get("/api/v1/deployments?result=succeeded,exploded"), 400, "invalid", "query.result");
  await expectError(await developer.get("/api/v1/deployments?from=2026-12-02&to=2026-12-01"), 400, "invalid", "query.to");
  await expectError(await developer.get("/api/v1/deployments?limit=500"), 400, "invalid", "query.limit");
  await expectError(await developer.get("/api/v1/deployments?cursor=not-a-cursor"), 400, "invalid", "query.cursor");
  await expectError(await developer.get("/api/v1/deployments/export?format=xml"), 400, "invalid", "query.format");
});

test("export: a CSV attachment with a header row, and JSON with the list's items", async () => {
  const csv = await developer.get(`/api/v1/deployments/export?format=csv&service=${serviceName}`);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toMatch(/^text\/csv/);
  expect(csv.headers()["content-disposition"]).toMatch(/^attachment; filename="deployments-.*\.csv"$/);
  const lines = (await csv.text()).split("\r\n");
  expect(lines[0]).toMatch(/^id,service,release,from_release,environment,strategy,state,/);
  expect(lines.slice(1, -1).map((line) => line.split(",")[0])).toEqual(deployed);
  expect(lines[1]).toContain(`,${serviceName},1.1.0,1.0.0,${environmentName},`);

  const json = await developer.get(`/api/v1/deployments/export?format=json&service=${serviceName}`);
  expect(json.headers()["content-type"]).toMatch(/^application\/json/);
  expect(((await json.json()) as { id: string }[]).map((row) => row.id)).toEqual(deployed);
});

test("another team gets 404 for a deployment and sees none of them", async () => {
  await expectError(await outsider.get(`/api/v1/deployments/${deployed[0]}`), 404, "not_found");
  await expectError(await developer.get(`/api/v1/deployments/${randomUUID()}`), 404, "not_found");
  expect((await history(`service=${serviceId}`, outsider)).items).toEqual([]);
  const exported = await outsider.get(`/api/v1/deployments/export?format=json&service=${serviceId}`);
  expect(await exported.json()).toEqual([]);
});
