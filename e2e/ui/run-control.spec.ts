// Controlling runs in the browser: a launch waiting for the account's EC2 budget shows its place
// ("launching in ~N s") and can be canceled; a failed run is retried from its failed step and
// the page follows it to ready without reloading.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { signIn } from "../support/sign-in";
import { DEVELOPER_EMAIL, destroyAndWait, requestEnvironment, signedInContext, uniqueName, waitForState } from "../support/api";
import { clearSandboxFaults, noCapacity, sandboxUrl, setSandboxFaults } from "../support/sandbox";

const PASSWORD = process.env.HANGAR_DEMO_PASSWORD ?? ""; // set by the global setup
const CLOUD_TIMEOUT = 60_000;

let api: APIRequestContext;
const cleanup: string[] = [];

test.beforeAll(async () => {
  api = await signedInContext(DEVELOPER_EMAIL);
});
test.afterAll(async () => {
  if (sandboxUrl()) await clearSandboxFaults();
  for (const id of cleanup) await destroyAndWait(api, id).catch(() => undefined);
  await api.dispose();
});


test("a launch waiting for the account's budget shows its place and is canceled before it launches", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, { email: DEVELOPER_EMAIL, password: PASSWORD });
  // The demo account enforces EC2's limits (about 2 launches a second): fill the line first, and
  // give those runs a moment to take their places in it.
  const flood = await Promise.all(
    Array.from({ length: 16 }, (_, i) => requestEnvironment(api, { name: uniqueName(`flood${i}`), template: "service-stack", parameters: { replicas: 1 }, region: "us-east-1" })),
  );
  cleanup.push(...flood.map((e) => e.id));
  for (const env of flood) await waitForState(api, env.id, ["provisioning", "ready"]);
  // One group: a cancel while it waits for the budget leaves nothing launched.
  const { id } = await requestEnvironment(api, { name: uniqueName("queued"), template: "web-dev", region: "us-east-1" });
  cleanup.push(id);

  await page.goto(`/environments/${id}`);
  const launch = page.getByRole("list", { name: "Steps of the provision run" }).getByRole("listitem").filter({ hasText: "Launch instances" });
  await expect(launch.getByTestId("wait-reason")).toContainText(/Queued for the cloud account's launch budget .* — launching in ~\d+ s/, { timeout: 20_000 });

  await page.getByRole("button", { name: "Cancel run" }).click();
  const dialog = page.getByRole("dialog", { name: "Cancel this provision run?" });
  await dialog.getByRole("button", { name: "Cancel run" }).click();
  await expect(dialog).toBeHidden();

  await expect(page.getByRole("status", { name: /^State:/ })).toHaveAccessibleName("State: failed", { timeout: CLOUD_TIMEOUT });
  await expect(page.getByRole("alert").filter({ hasText: "Failed at step" })).toContainText("Canceled by dev@hangar.local before step launch_instances. Left: no instances exist");
  await expect(launch).toContainText("skipped");
  await expect(page.getByRole("button", { name: "Retry from “Launch instances”" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Cancel run" })).toHaveCount(0);
});

test("a run that failed at its launch is retried from that step and becomes ready", async ({ page }) => {
  test.skip(!sandboxUrl(), "needs the sandbox's control API");
  test.setTimeout(180_000);
  await setSandboxFaults(noCapacity(["m6i.large", "t3a.small"], ["us-east-1a", "us-east-1b"]));
  const { id } = await requestEnvironment(api, { name: uniqueName("retry-ui"), template: "service-stack", parameters: { replicas: 1, appSize: "m6i.large" }, region: "us-east-1" });
  cleanup.push(id);
  await waitForState(api, id, ["failed"], CLOUD_TIMEOUT);
  await clearSandboxFaults();

  await signIn(page, { email: DEVELOPER_EMAIL, password: PASSWORD });
  await page.goto(`/environments/${id}`);
  await expect(page.getByRole("alert").filter({ hasText: "Failed at step “Launch instances”" })).toContainText("No capacity for group app");
  // Hydrated and following the live stream: from here on nothing may reload the page.
  await expect(page.getByText("Live", { exact: true })).toBeVisible();
  let navigations = 0;
  page.on("framenavigated", (frame) => {
    if (frame === page.mainFrame()) navigations += 1;
  });
  await page.getByRole("button", { name: "Retry from “Launch instances”" }).click();
  await expect(page.getByText("Retrying from step “Launch instances”. Finished steps are kept.")).toBeVisible();

  const state = page.getByRole("status", { name: /^State:/ });
  await expect(state).toHaveAccessibleName("State: ready", { timeout: CLOUD_TIMEOUT });
  const steps = page.getByRole("list", { name: "Steps of the provision run" });
  await expect(steps.getByRole("listitem").filter({ hasText: "Launch instances" })).toContainText("attempt 2");
  await expect(steps.getByRole("listitem").filter({ hasText: "Resolve images" })).not.toContainText("attempt");
  await expect(page.getByText("retry 1")).toBeVisible();
  expect(navigations, "the page follows the retried run without reloading").toBe(0);
});
