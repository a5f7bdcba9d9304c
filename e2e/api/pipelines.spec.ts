// Pipelines and promotion over HTTP against the built system: a developer sets a service's stages
// (dev -> staging -> prod, prod confirmed by a team admin) on three ready environments, bad stages
// are 400s at their field paths; promoting an empty stage, the last stage or an unknown one is a
// 4xx at from; a promotion is a 202 (queued, or awaiting confirmation on prod); only the admin
// confirms or rejects; a direct deploy to prod awaits the same confirmation; CI's webhook with
// "deploy": true deploys to the first stage once per delivery, and without a pipeline is a 409
// that writes no release. "Live" on a stage is a succeeded deployment row written into the
// system's database, so these checks do not wait on the deploy engine.
import { createHmac, randomUUID } from "node:crypto";
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import pg from "pg";
import { ADMIN_EMAIL, baseUrl, DEVELOPER_EMAIL, expectError, requestEnvironment, signedInContext, uniqueName, waitForState } from "../support/api";
import { databaseUrl } from "../support/users";

test.describe.configure({ mode: "serial" });

type Stage = { id: string; name: string; environment: { id: string; name: string }; requiresConfirmation: boolean; live: { release: string } | null; pending: { id: string; release: string } | null };
type Promoted = { id: string; runId: string | null; state: string; stage: string; release: string };

let developer: APIRequestContext;
let admin: APIRequestContext;
let ci: APIRequestContext;
const environments: Record<"dev" | "staging" | "prod", { id: string; name: string }> = { dev: { id: "", name: "" }, staging: { id: "", name: "" }, prod: { id: "", name: "" } };
let serviceId = "";
let secret = "";
let releaseId = "";

const image = (tag: string) => `ghcr.io/acme/pipe:${tag}@sha256:${"e".repeat(64)}`;

function deliver(service: string, body: Record<string, unknown>, delivery = randomUUID(), key = secret) {
  const raw = JSON.stringify(body);
  const signature = `sha256=${createHmac("sha256", key).update(raw).digest("hex")}`;
  return ci.post(`/api/v1/services/${service}/webhook`, { data: Buffer.from(raw), headers: { "content-type": "application/json", "x-hangar-delivery": delivery, "x-hangar-signature": signature } });
}

async function pipeline(context = developer): Promise<{ stages: Stage[]; canEdit: boolean; canConfirm: boolean }> {
  const response = await context.get(`/api/v1/services/${serviceId}/pipeline`);
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()) as { stages: Stage[]; canEdit: boolean; canConfirm: boolean };
}

/** A release live on an environment: the succeeded deployment the deploy engine would leave. */
async function markLive(environmentId: string): Promise<string> {
  const client = new pg.Client({ connectionString: databaseUrl()! });
  await client.connect();
  try {
    const id = randomUUID();
    await client.query(
      `INSERT INTO "Deployment" (id, "serviceId", "teamId", "releaseId", "environmentId", strategy, state, source, "startedAt", "finishedAt", "updatedAt")
       SELECT $1, s.id, s."teamId", $2, $3, s."defaultStrategy", 'succeeded', 'api', now(), now(), now() FROM "Service" s WHERE s.id = $4`,
      [id, releaseId, environmentId, serviceId],
    );
    return id;
  } finally {
    await client.end();
  }
}

async function newService(): Promise<string> {
  const created = await developer.post("/api/v1/services", { data: { name: uniqueName("pipe"), template: "web-dev", instanceGroup: "web" } });
  expect(created.status(), await created.text()).toBe(201);
  return ((await created.json()) as { id: string }).id;
}

test.beforeAll(async () => {
  test.skip(!databaseUrl(), "needs the system's database to mark a release live");
  test.setTimeout(180_000);
  developer = await signedInContext(DEVELOPER_EMAIL);
  admin = await signedInContext(ADMIN_EMAIL);
  ci = await playwrightRequest.newContext({ baseURL: baseUrl() });
  for (const stage of ["dev", "staging", "prod"] as const) {
    const name = uniqueName(`pipe-${stage}`);
    environments[stage] = { id: (await requestEnvironment(developer, { name, template: "web-dev", parameters: {}, ttl: "8h" })).id, name };
  }
  for (const { id } of Object.values(environments)) await waitForState(developer, id, ["ready"], 90_000);
  serviceId = await newService();
  const release = await developer.post(`/api/v1/services/${serviceId}/releases`, { data: { version: "1.0.0", artifact: image("1.0.0") } });
  expect(release.status(), await release.text()).toBe(201);
  releaseId = ((await release.json()) as { id: string }).id;
  const issued = await developer.post(`/api/v1/services/${serviceId}/webhook-secret`);
  expect(issued.status()).toBe(201);
  secret = ((await issued.json()) as { secret: string }).secret;
});
test.afterAll(async () => {
  // Destroyed without waiting: a destroy may queue behind the deploy runs these tests started.
  if (developer) for (const { id } of Object.values(environments)) if (id) await developer.delete(`/api/v1/environments/${id}`).catch(() => undefined);
  await Promise.all([developer?.dispose(), admin?.dispose(), ci?.dispose()]);
});

test("a developer sets the stages; bad stages are 400s at their field paths", async () => {
  const url = `/api/v1/services/${serviceId}/pipeline`;
  expect((await pipeline()).stages).toEqual([]);
  await expectError(await developer.put(url, { data: { stages: [{ name: "Dev!", environment: environments.dev.name }] } }), 400, "invalid", "stages.0.name");
  await expectError(
    await developer.put(url, { data: { stages: [{ name: "dev", environment: environments.dev.name }, { name: "staging", environment: environments.dev.id }] } }),
    400,
    "invalid",
    "stages.1.environment",
  );
  await expectError(await developer.put(url, { data: { stages: [{ name: "dev", environment: "no-such-environment" }] } }), 400, "invalid", "stages.0.environment");
  expect((await pipeline()).stages).toEqual([]);

  const stages = [
    { name: "dev", environment: environments.dev.name },
    { name: "staging", environment: environments.staging.id },
    { name: "prod", environment: environments.prod.name, requiresConfirmation: true },
  ];
  const saved = await developer.put(url, { data: { stages } });
  expect(saved.status(), await saved.text()).toBe(200);
  const body = (await saved.json()) as { stages: Stage[]; canEdit: boolean };
  expect(body.canEdit).toBe(true);
  expect(body.stages.map((s) => [s.name, s.environment.id, s.requiresConfirmation, s.live, s.pending])).toEqual([
    ["dev", environments.dev.id, false, null, null],
    ["staging", environments.staging.id, false, null, null],
    ["prod", environments.prod.id, true, null, null],
  ]);
});

test("promotion: an unknown, empty or last stage is refused at from; dev -> staging is queued, staging -> prod awaits confirmation", async () => {
  const promote = (from: string) => developer.post(`/api/v1/services/${serviceId}/promotions`, { data: { from } });
  await expectError(await promote("qa"), 404, "not_found", "from");
  const empty = await expectError(await promote("dev"), 409, "conflict", "from");
  expect(empty.error.issues?.[0]?.message).toBe("nothing is live on dev yet; deploy a release there first");
  await expectError(await promote("prod"), 409, "conflict", "from");

  await markLive(environments.dev.id);
  const toStaging = await promote("dev");
  expect(toStaging.status(), await toStaging.text()).toBe(202);
  expect(await toStaging.json()).toMatchObject({ stage: "staging", release: "1.0.0", state: "queued", runId: expect.any(String) });

  const onStaging = await markLive(environments.staging.id);
  const toProd = await developer.post(`/api/v1/deployments/${onStaging}/promote`, { data: {} });
  expect(toProd.status(), await toProd.text()).toBe(202);
  const awaiting = (await toProd.json()) as Promoted;
  expect(awaiting).toMatchObject({ stage: "prod", release: "1.0.0", state: "awaiting_confirmation", runId: null });
  const prod = (await pipeline()).stages[2]!;
  expect(prod.pending).toMatchObject({ id: awaiting.id, release: "1.0.0" });
});

test("only a team admin confirms or rejects; a direct deploy to prod awaits the same confirmation", async () => {
  const pending = (await pipeline()).stages[2]!.pending!;
  await expectError(await developer.post(`/api/v1/deployments/${pending.id}/confirm`, { data: {} }), 403, "forbidden");
  await expectError(await developer.post(`/api/v1/deployments/${pending.id}/reject`, { data: {} }), 403, "forbidden");
  expect((await pipeline(admin)).canConfirm).toBe(true);
  const rejected = await admin.post(`/api/v1/deployments/${pending.id}/reject`, { data: { reason: "change freeze" } });
  expect(rejected.status(), await rejected.text()).toBe(200);
  expect(await rejected.json()).toEqual({ id: pending.id, runId: null, state: "canceled" });
  await expectError(await admin.post(`/api/v1/deployments/${pending.id}/confirm`, { data: {} }), 409, "conflict");

  const direct = await developer.post(`/api/v1/services/${serviceId}/deployments`, { data: { release: "1.0.0", environment: environments.prod.name } });
  expect(direct.status(), await direct.text()).toBe(202);
  const { id } = (await direct.json()) as { id: string; runId: string | null };
  expect((await pipeline()).stages[2]!.pending?.id).toBe(id);
  const confirmed = await admin.post(`/api/v1/deployments/${id}/confirm`, { data: {} });
  expect(confirmed.status(), await confirmed.text()).toBe(200);
  expect(await confirmed.json()).toMatchObject({ id, state: "queued", runId: expect.any(String) });
  expect((await pipeline()).stages[2]!.pending).toBeNull();
});

test("CI deploys a new release to the first stage with deploy: true, once per delivery; without a pipeline it writes nothing", async () => {
  const delivery = randomUUID();
  const body = { version: "2.0.0", artifact: image("2.0.0"), deploy: true };
  const created = await deliver(serviceId, body, delivery);
  expect(created.status(), await created.text()).toBe(201);
  const first = (await created.json()) as { release: { version: string }; deployment: { id: string; runId: string | null; state: string } };
  expect(first).toMatchObject({ release: { version: "2.0.0" }, deployment: { state: "queued", runId: expect.any(String) } });
  const replay = await deliver(serviceId, body, delivery);
  expect(replay.status()).toBe(200);
  expect(await replay.json()).toMatchObject({ duplicate: true, deployment: { id: first.deployment.id } });
  await expectError(await deliver(serviceId, { ...body, version: "2.0.1", deploy: "yes" }), 400, "invalid", "deploy");

  // A service without a pipeline: 409 at deploy, and the release is not created either.
  const bare = await newService();
  const issued = await developer.post(`/api/v1/services/${bare}/webhook-secret`);
  const bareSecret = ((await issued.json()) as { secret: string }).secret;
  const refused = await expectError(await deliver(bare, { version: "1.0.0", artifact: image("1.0.0"), deploy: true }, randomUUID(), bareSecret), 409, "conflict", "deploy");
  expect(refused.error.issues?.[0]?.message).toBe("the service has no pipeline; add stages or leave deploy out");
  const releases = (await (await developer.get(`/api/v1/services/${bare}/releases`)).json()) as { total: number };
  expect(releases.total).toBe(0);
});
