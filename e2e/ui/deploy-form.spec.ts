// Deploying from the browser, through the real deploy engine: on a service's page the Deploy form
// deploys a chosen release to a ready environment and opens the deployment, which follows the run
// live to "succeeded"; the next deploy (the newest release, the form's default) shows from → to
// and its config diff; Roll back asks, then opens the rollback deployment, which succeeds too;
// the history lists all three.
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { destroyAndWait, requestEnvironment, signedInContext, uniqueName, waitForState } from "../support/api";
import { signIn } from "../support/sign-in";
import { createUser, databaseUrl, type SeededUser } from "../support/users";

test.describe.configure({ mode: "serial" });

// A developer of its own (the demo developer's remembered form values belong to other specs).
let user: SeededUser;
let api: APIRequestContext;
const serviceName = uniqueName("ui-deploy");
const environmentName = uniqueName("ui-deploy-env");
let environmentId = "";
let serviceId = "";

test.beforeAll(async () => {
  test.skip(!databaseUrl(), "needs the system's database to create a developer of its own");
  test.setTimeout(180_000);
  user = await createUser({ role: "developer", teamSlug: "demo", label: "deploy-form" });
  api = await signedInContext(user.email, user.password);
  environmentId = (await requestEnvironment(api, { name: environmentName, template: "web-dev", parameters: {}, ttl: "2h" })).id;
  const created = await api.post("/api/v1/services", { data: { name: serviceName, template: "web-dev", instanceGroup: "web" } });
  expect(created.status(), await created.text()).toBe(201);
  serviceId = ((await created.json()) as { id: string }).id;
  for (const [version, config] of [
    ["1.0.0", { MODE: "a" }],
    ["1.1.0", { MODE: "b" }],
  ] as const) {
    const release = await api.post(`/api/v1/services/${serviceId}/releases`, { data: { version, artifact: `ghcr.io/acme/ui-deploy:${version}`, config, changelog: `release ${version}` } });
    expect(release.status(), await release.text()).toBe(201);
  }
  await waitForState(api, environmentId, ["ready"], 120_000);
});
test.afterAll(async () => {
  if (environmentId) await destroyAndWait(api, environmentId).catch(() => undefined);
  await api?.dispose();
});

/** The deployment page's heading badge reaches `succeeded` by the live stream, no reload. */
async function expectSucceeded(page: Page) {
  await expect(page.getByRole("heading", { level: 1 }).locator("[data-state]")).toHaveAttribute("data-state", "succeeded", { timeout: 120_000 });
}

test("deploy from the service page, watch it live, deploy again, roll back with one click", async ({ page }) => {
  test.setTimeout(300_000);
  await signIn(page, user);
  await page.goto(`/services/${serviceId}`);
  const form = page.getByRole("form", { name: "Deploy a release" });
  await expect(form.getByLabel("Release")).toHaveValue("1.1.0");
  await form.getByLabel("Release").selectOption("1.0.0");
  await form.getByLabel("Environment").selectOption({ label: environmentName });
  await form.getByRole("button", { name: "Deploy" }).click();
  await expect(page).toHaveURL(/\/deployments\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`${serviceName} 1.0.0 on ${environmentName}`);
  await expectSucceeded(page);
  await expect(page.getByRole("region", { name: "Steps" }).locator("[data-step]").first()).toHaveAttribute("data-state", "succeeded");

  await page.goto(`/services/${serviceId}`);
  await expect(form.getByLabel("Environment")).toContainText("(runs 1.0.0)");
  await form.getByRole("button", { name: "Deploy" }).click();
  await expect(page).toHaveURL(/\/deployments\/[0-9a-f-]{36}$/);
  const second = page.url();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("1.0.0 → 1.1.0");
  await expectSucceeded(page);
  await expect(page.getByRole("region", { name: "Changes" }).getByRole("list", { name: "Config changes" })).toContainText("MODE=b");

  await page.getByRole("button", { name: "Roll back" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Roll back to 1.0.0" }).click();
  await expect(page).not.toHaveURL(second);
  await expect(page).toHaveURL(/\/deployments\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("1.1.0 → 1.0.0");
  await expect(page.getByRole("link", { name: "rolls back 1.1.0" })).toBeVisible();
  await expectSucceeded(page);

  await page.goto(`/deployments?service=${serviceName}`);
  await expect(page.locator("tbody tr")).toHaveCount(3);
  await expect(page.locator("tbody tr").first()).toContainText("rollback");
});
