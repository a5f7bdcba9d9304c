// A team admin sets up a service's pipeline in the browser and moves a release through it: the
// Edit pipeline form shows a stage bound to an environment already used at its field, then saves
// dev -> prod with prod confirmed by an admin; Promote sends the release live on dev to prod,
// where it awaits confirmation; Reject (with a reason) clears it, and a second promotion is
// confirmed. "Live on dev" is a succeeded deployment row written into the system's database, so
// the spec does not wait on the deploy engine.
import { randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext } from "@playwright/test";
import pg from "pg";
import { ADMIN_EMAIL, DEMO_PASSWORD, DEVELOPER_EMAIL, requestEnvironment, signedInContext, uniqueName, waitForState } from "../support/api";
import { signIn } from "../support/sign-in";
import { databaseUrl } from "../support/users";

let developer: APIRequestContext;
const env = { dev: uniqueName("ui-pipe-dev"), prod: uniqueName("ui-pipe-prod") };
const ids: string[] = [];
let serviceId = "";

test.beforeAll(async () => {
  test.skip(!databaseUrl(), "needs the system's database to mark a release live");
  test.setTimeout(150_000);
  developer = await signedInContext(DEVELOPER_EMAIL);
  for (const name of [env.dev, env.prod]) ids.push((await requestEnvironment(developer, { name, template: "web-dev", parameters: {}, ttl: "2h" })).id);
  for (const id of ids) await waitForState(developer, id, ["ready"], 90_000);
  const service = await developer.post("/api/v1/services", { data: { name: uniqueName("ui-pipe"), template: "web-dev", instanceGroup: "web" } });
  expect(service.status(), await service.text()).toBe(201);
  serviceId = ((await service.json()) as { id: string }).id;
  const release = await developer.post(`/api/v1/services/${serviceId}/releases`, { data: { version: "1.0.0", artifact: `ghcr.io/acme/ui-pipe:1.0.0@sha256:${"f".repeat(64)}` } });
  expect(release.status(), await release.text()).toBe(201);
  const releaseId = ((await release.json()) as { id: string }).id;
  const client = new pg.Client({ connectionString: databaseUrl()! });
  await client.connect();
  await client.query(
    `INSERT INTO "Deployment" (id, "serviceId", "teamId", "releaseId", "environmentId", strategy, state, source, "startedAt", "finishedAt", "updatedAt")
     SELECT $1, s.id, s."teamId", $2, $3, s."defaultStrategy", 'succeeded', 'api', now(), now(), now() FROM "Service" s WHERE s.id = $4`,
    [randomUUID(), releaseId, ids[0], serviceId],
  );
  await client.end();
});
test.afterAll(async () => {
  if (developer) for (const id of ids) await developer.delete(`/api/v1/environments/${id}`).catch(() => undefined);
  await developer?.dispose();
});

test("edit the pipeline, promote to a confirmed stage, reject, promote again and confirm", async ({ page }) => {
  await signIn(page, { email: ADMIN_EMAIL, password: DEMO_PASSWORD });
  await page.goto(`/services/${serviceId}`);
  const section = page.getByRole("region", { name: "Pipeline" });
  await expect(section.getByText("No pipeline yet")).toBeVisible();

  await section.getByRole("button", { name: "Add stages" }).click();
  const form = section.getByRole("form", { name: "Edit pipeline" });
  await form.getByRole("button", { name: "+ Add a stage" }).click();
  await form.getByRole("button", { name: "+ Add a stage" }).click();
  await form.getByLabel("Stage 1 name").fill("dev");
  await form.getByLabel("Stage 1 environment").selectOption({ label: `${env.dev} (ready)` });
  await form.getByLabel("Stage 2 name").fill("prod");
  await form.getByLabel("Stage 2 environment").selectOption({ label: `${env.dev} (ready)` });
  await form.getByLabel("Stage 2: a team admin confirms each deploy").check();
  await form.getByRole("button", { name: "Save pipeline" }).click();
  const second = form.getByLabel("Stage 2 environment");
  await expect(second).toHaveAttribute("aria-invalid", "true");
  await expect(second).toHaveAccessibleDescription(new RegExp(`${env.dev} is already stage 1's environment`));
  await second.selectOption({ label: `${env.prod} (ready)` });
  await form.getByRole("button", { name: "Save pipeline" }).click();
  await expect(section.getByRole("status").filter({ hasText: "Pipeline saved." })).toBeVisible();

  const dev = section.getByRole("region", { name: "Stage dev" });
  const prod = section.getByRole("region", { name: "Stage prod" });
  await expect(dev).toContainText(env.dev);
  await expect(dev).toContainText("Live: 1.0.0");
  await expect(prod).toContainText("Nothing live yet");
  await expect(prod).toContainText("Confirmation");

  await section.getByRole("button", { name: "Promote 1.0.0 from dev to prod" }).click();
  await expect(section.getByRole("status").filter({ hasText: "1.0.0 awaits confirmation" })).toBeVisible();
  await expect(prod).toContainText("1.0.0 awaits confirmation (asked by admin@hangar.local");
  await prod.getByRole("button", { name: "Reject 1.0.0 on prod" }).click();
  await prod.getByLabel("Why reject it? (optional)").fill("change freeze");
  await prod.getByRole("button", { name: "Reject 1.0.0" }).click();
  await expect(prod).not.toContainText("awaits confirmation");

  await section.getByRole("button", { name: "Promote 1.0.0 from dev to prod" }).click();
  await expect(prod).toContainText("1.0.0 awaits confirmation");
  await prod.getByRole("button", { name: "Confirm 1.0.0 on prod" }).click();
  await expect(prod).not.toContainText("awaits confirmation");
  const deployments = await developer.get(`/api/v1/services/${serviceId}/pipeline`);
  expect(((await deployments.json()) as { stages: { pending: unknown }[] }).stages[1]!.pending).toBeNull();
});
