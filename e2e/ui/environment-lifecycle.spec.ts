// What a developer does in the browser: sign in, request an environment from a template, watch
// it come up live (no reloads), use its outputs, destroy it and watch it go away.
import { expect, test, type Page } from "@playwright/test";

const PASSWORD = process.env.HANGAR_DEMO_PASSWORD ?? ""; // set by the global setup
const DEVELOPER = "dev@hangar.local";
const IP = /^\d{1,3}(\.\d{1,3}){3}$/;
const INSTANCE_ID = /i-[0-9a-f]{8,17}/;
// Provisioning and destroying go through the worker and the sandbox cloud: generous but bounded.
const CLOUD_TIMEOUT = 60_000;

async function signIn(page: Page, email: string, password: string) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

async function environmentCount(page: Page): Promise<number> {
  const response = await page.request.get("/api/v1/environments?state=all&limit=1");
  expect(response.status()).toBe(200);
  return ((await response.json()) as { total: number }).total;
}

test("a wrong password shows an error and does not sign in", async ({ page }) => {
  await signIn(page, DEVELOPER, `${PASSWORD}-wrong`);
  await expect(page.getByRole("alert").filter({ hasText: "Wrong email or password" })).toHaveText("Wrong email or password, or the account is disabled");
  await expect(page).toHaveURL(/\/signin/);
  await page.goto("/environments");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fenvironments/);
});

test("invalid form values are shown at their fields and nothing is created", async ({ page }) => {
  await signIn(page, DEVELOPER, PASSWORD);
  await expect(page).toHaveURL(/\/environments$/);
  const before = await environmentCount(page);

  await page.goto("/environments/new?template=web-dev");
  const name = page.getByLabel("Environment name");
  await name.fill("Bad Name!");
  await page.getByLabel("Git branch").fill("no spaces allowed");
  await page.getByRole("button", { name: "Request environment" }).click();

  await expect(page.getByRole("alert").filter({ hasText: "Fix the highlighted fields" })).toBeVisible();
  await expect(name).toHaveAttribute("aria-invalid", "true");
  await expect(name).toHaveAccessibleDescription("Environment name must use only lowercase letters, digits and hyphens: try 'bad-name'");
  await expect(page.getByLabel("Git branch")).toHaveAccessibleDescription(/must match/);
  await expect(page).toHaveURL(/\/environments\/new\?template=web-dev$/);
  expect(await environmentCount(page)).toBe(before);
});

// An environment a failed run left behind is destroyed, so reruns do not pile up instances.
let leftover: { url: string; destroyed: boolean } | null = null;
test.afterEach(async ({ page }) => {
  if (leftover && !leftover.destroyed) {
    const id = leftover.url.split("/").pop();
    await page.request.delete(`/api/v1/environments/${id}`).catch(() => undefined);
  }
  leftover = null;
});

test("request, watch live, use and destroy an environment", async ({ page, context }) => {
  test.setTimeout(180_000);
  const envName = `e2e-${Date.now().toString(36)}`;

  await signIn(page, DEVELOPER, PASSWORD);
  await expect(page.getByRole("heading", { level: 1, name: "Environments" })).toBeVisible();
  await page.getByRole("link", { name: "Request environment" }).first().click();
  await expect(page.getByRole("heading", { name: "Request an environment" })).toBeVisible();
  await page.getByRole("link", { name: /Web app dev box/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Request Web app dev box" })).toBeVisible();

  // The form is generated from the template's parameter schema, defaults filled in.
  await expect(page.getByLabel("Git branch")).toHaveValue("main");
  await expect(page.getByLabel("Size")).toHaveValue("t3.micro");
  await expect(page.getByLabel("Lease")).toHaveValue(String(8 * 3600));
  await page.getByLabel("Environment name").fill(envName);
  await page.getByLabel("Size").selectOption("t3.small");
  // The demo sandbox account has several regions; the estimate below is for us-east-1.
  const region = page.getByLabel("Region");
  if ((await region.count()) > 0) await region.selectOption("us-east-1");
  await expect(page.getByText("≈ $0.0208/h")).toBeVisible();

  await page.getByRole("button", { name: "Request environment" }).click();
  await expect(page).toHaveURL(/\/environments\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name: envName })).toBeVisible();
  const environmentUrl = page.url();
  leftover = { url: environmentUrl, destroyed: false };
  // From here on everything must arrive over the live stream: count page loads.
  let navigations = 0;
  page.on("framenavigated", (frame) => {
    if (frame === page.mainFrame()) navigations += 1;
  });

  const state = page.getByRole("status", { name: /^State:/ });
  await expect(state).toHaveAccessibleName("State: ready", { timeout: CLOUD_TIMEOUT });

  const steps = page.getByRole("list", { name: "Steps of the provision run" });
  await expect(steps.getByRole("listitem")).toHaveCount(5);
  for (const step of ["Resolve images", "Launch instances", "Wait for running", "Record outputs", "Mark ready"]) {
    await expect(steps.getByRole("listitem").filter({ hasText: step })).toContainText("succeeded");
  }
  const logs = page.getByRole("log", { name: "Run logs" });
  await expect(logs).toContainText("Launch instances");
  await expect(logs).toContainText(INSTANCE_ID);

  const instances = page.getByRole("region", { name: /^Instances/ });
  const instanceRow = instances.getByRole("row").filter({ hasText: INSTANCE_ID });
  await expect(instanceRow).toHaveCount(1);
  await expect(instanceRow).toContainText("running");
  await expect(instanceRow).toContainText("t3.small");
  // Private and public address.
  await expect(instanceRow.getByRole("cell", { name: IP })).toHaveCount(2);

  const outputs = page.getByRole("region", { name: "Outputs" });
  await expect(outputs.getByRole("link", { name: /^http:\/\/\d{1,3}(\.\d{1,3}){3}:8080$/ })).toBeVisible();
  await expect(outputs.getByRole("button", { name: "Copy URL" })).toBeVisible();

  // The API's own checks reach the form too: a second live environment cannot take the name.
  const second = await context.newPage();
  await second.goto("/environments/new?template=web-dev");
  await second.getByLabel("Environment name").fill(envName);
  await second.getByRole("button", { name: "Request environment" }).click();
  await expect(second.getByLabel("Environment name")).toHaveAccessibleDescription(/already used/);
  await expect(second).toHaveURL(/\/environments\/new/);
  await second.close();

  await page.getByRole("button", { name: "Destroy", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: `Destroy ${envName}?` });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Destroy environment" }).click();
  await expect(dialog).toBeHidden();

  await expect(state).toHaveAccessibleName("State: destroyed", { timeout: CLOUD_TIMEOUT });
  leftover.destroyed = true;
  await expect(instanceRow).toContainText("terminated");
  await expect(page.getByRole("list", { name: "Steps of the destroy run" }).getByRole("listitem")).toHaveCount(3);
  await expect(page.getByRole("button", { name: "Destroy", exact: true })).toBeDisabled();
  expect(navigations, "the environment page must update without reloading").toBe(0);
  expect(page.url()).toBe(environmentUrl);

  // Destroyed environments leave the default (active) list but stay findable.
  await page.goto(`/environments?search=${envName}`);
  await expect(page.getByRole("heading", { name: "No environments match" })).toBeVisible();
  await page.getByLabel("State").selectOption("all");
  const listed = page.getByRole("row").filter({ has: page.getByRole("link", { name: envName }) });
  await expect(listed).toContainText("destroyed");
});
