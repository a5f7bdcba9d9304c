// The deployment side in Chromium, on the real worker and sandbox: a developer creates releases
// of a service in the browser, deploys one from the service page and watches the deployment go
// live, deploys the next and reads its diff, finds both in the history, rolls back with one
// click, promotes the live release to the next pipeline stage, and reads the DORA charts.
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { requestEnvironment, signedInContext, uniqueName, waitForState } from "../support/api";
import { signIn } from "../support/sign-in";
import { createUser, databaseUrl, type SeededUser } from "../support/users";

// A developer of its own (the demo developer's remembered form values belong to other specs).
let user: SeededUser;
let developer: APIRequestContext;
const env = { dev: uniqueName("flow-dev"), staging: uniqueName("flow-stg") };
const ids: Record<string, string> = {};
const serviceName = uniqueName("flow-web");
let serviceId = "";

test.beforeAll(async () => {
  test.skip(!databaseUrl(), "needs the system's database to create a developer of its own");
  test.setTimeout(150_000);
  user = await createUser({ role: "developer", teamSlug: "demo", label: "deploy-flow" });
  developer = await signedInContext(user.email, user.password);
  for (const [key, name] of Object.entries(env)) ids[key] = (await requestEnvironment(developer, { name, template: "web-dev", parameters: {}, ttl: "2h" })).id;
  for (const id of Object.values(ids)) await waitForState(developer, id, ["ready"], 90_000);
  const service = await developer.post("/api/v1/services", {
    data: { name: serviceName, template: "web-dev", instanceGroup: "web", healthCheck: { http: { path: "/healthz", port: 80 } }, defaultStrategy: { type: "blue-green", graceMinutes: 15 } },
  });
  expect(service.status(), await service.text()).toBe(201);
  serviceId = ((await service.json()) as { id: string }).id;
});
test.afterAll(async () => {
  if (developer) for (const id of Object.values(ids)) await developer.delete(`/api/v1/environments/${id}`).catch(() => undefined);
  await developer?.dispose();
});

async function createRelease(page: Page, version: string, changelog: string, level: string) {
  const form = page.getByRole("region", { name: "New release" });
  await form.getByLabel("Version").fill(version);
  await form.getByLabel("Artifact").fill(`ghcr.io/acme/flow:${version}`);
  await form.getByLabel("Config key 1").fill("LOG_LEVEL");
  await form.getByLabel("Config value 1").fill(level);
  await form.getByLabel("Changelog").fill(changelog);
  await form.getByRole("button", { name: "Create release" }).click();
  await expect(form.getByText(`Release ${version} created`)).toBeVisible();
}

async function deployFromServicePage(page: Page, version: string, environment: string) {
  const form = page.getByRole("form", { name: "Deploy a release" });
  await form.getByLabel("Release").selectOption(version);
  const select = form.getByLabel("Environment");
  await select.selectOption((await select.locator("option", { hasText: environment }).getAttribute("value")) ?? "");
  await form.getByRole("button", { name: "Deploy" }).click();
  await page.waitForURL(/\/deployments\/[0-9a-f-]{36}$/);
}

async function expectSucceeded(page: Page) {
  await expect(page.getByRole("heading", { level: 1 }).locator('[data-state="succeeded"]')).toBeVisible({ timeout: 90_000 });
}

test("release, deploy and watch it live, diff, history, one-click rollback, promotion, DORA charts", async ({ page }) => {
  test.setTimeout(300_000);
  await signIn(page, user);
  await page.goto(`/services/${serviceId}`);
  await createRelease(page, "1.0.0", "First cut", "info");
  await createRelease(page, "1.1.0", "Faster checkout", "debug");
  await page.reload();

  // Deploy 1.0.0 to dev and watch it: the steps move on without a reload until it is live.
  await deployFromServicePage(page, "1.0.0", env.dev);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`${serviceName} 1.0.0 on ${env.dev}`);
  await expect(page.getByRole("region", { name: "Steps" })).toContainText("Roll out");
  await expectSucceeded(page);
  await expect(page.getByRole("region", { name: "Health gate" })).toContainText(/i-[0-9a-f]+/);
  await expect(page.getByRole("region", { name: "Logs" })).toContainText("Health gate passed");

  // The next release: its page shows what changed against the one it replaced.
  await page.goto(`/services/${serviceId}`);
  await deployFromServicePage(page, "1.1.0", env.dev);
  await expectSucceeded(page);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("1.0.0 → 1.1.0");
  const changes = page.getByRole("region", { name: "Changes" });
  await expect(changes).toContainText("Faster checkout");
  await expect(changes.getByRole("list", { name: "Config changes" })).toContainText("LOG_LEVEL");
  const upgradeUrl = page.url();

  // Both are in the history.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Deployments" }).click();
  await page.goto(`/deployments?service=${serviceName}`);
  const rows = page.getByRole("row").filter({ hasText: env.dev });
  await expect(rows).toHaveCount(2);

  // One click rolls back (inside the blue-green grace period: the 1.0.0 set takes traffic back).
  await page.goto(upgradeUrl);
  await page.getByRole("button", { name: "Roll back" }).click();
  await page.getByRole("button", { name: "Roll back to 1.0.0" }).click();
  await page.waitForURL((url) => url.toString() !== upgradeUrl && /\/deployments\/[0-9a-f-]{36}$/.test(url.pathname));
  await expect(page.getByRole("heading", { level: 1 })).toContainText("rolls back 1.1.0");
  await expectSucceeded(page);
  await expect(page.getByRole("region", { name: "Logs" })).toContainText("no launch");

  // A pipeline dev -> staging: the live release on dev is promoted from its deployment's page.
  const pipeline = await developer.put(`/api/v1/services/${serviceId}/pipeline`, { data: { stages: [{ name: "dev", environment: ids.dev }, { name: "staging", environment: ids.staging }] } });
  expect(pipeline.status(), await pipeline.text()).toBe(200);
  await page.reload();
  await page.getByRole("button", { name: "Promote to staging" }).click();
  await page.waitForURL(/\/deployments\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`1.0.0 on ${env.staging}`);
  await expectSucceeded(page);

  // The service's delivery metrics count the deployment to the last stage.
  await page.goto(`/services/${serviceId}`);
  const metrics = page.getByRole("region", { name: "Delivery metrics" });
  await expect(metrics.getByRole("figure", { name: /^Deployment frequency/ })).toContainText("1 successful in 30 days");
  await expect(metrics.getByRole("figure", { name: /^Change failure rate/ })).toBeVisible();
  await expect(metrics.locator("svg.recharts-surface").first()).toBeVisible();
});
