// The request form remembers: a user requests once with their own values and the form opens with
// them next time; a template's preset fills the fields and the estimate reprices; "Request again"
// on the environment page opens the form with the same version and parameters under a new name,
// and that request goes through. A user of its own, so nothing another spec requests changes
// what this form remembers (and this spec leaves the demo users' forms alone).
import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "../support/sign-in";
import { createUser, type SeededUser } from "../support/users";

let user: SeededUser;
const created: string[] = [];

test.beforeAll(async () => {
  user = await createUser({ role: "developer", teamSlug: "demo", label: "memory" });
});
test.afterEach(async ({ page }) => {
  for (const id of created.splice(0)) await page.request.delete(`/api/v1/environments/${id}`).catch(() => undefined);
});

async function openForm(page: Page) {
  await page.goto("/environments/new?template=service-stack");
  await expect(page.getByRole("heading", { level: 1, name: "Request Service stack" })).toBeVisible();
}

const environmentId = (page: Page) => page.url().split("/").pop()!;

test("the form remembers my values, fills presets and requests an environment again", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, user);
  const cost = page.getByTestId("cost-per-hour");
  const filledWith = page.getByRole("status").filter({ hasText: "Filled with:" });

  // First request: the defaults, changed by hand.
  await openForm(page);
  await expect(filledWith).toHaveText(/Template defaults/);
  const name = `mem-${Date.now().toString(36)}`;
  await page.getByLabel("Environment name").fill(name);
  const region = page.getByLabel("Region");
  if ((await region.count()) > 0) await region.selectOption("us-east-1");
  await page.getByLabel("App replicas").fill("3");
  await page.getByLabel("App instance type").selectOption("t3.medium");
  await page.getByLabel("Release").fill("v1.2.3");
  await expect(cost).toHaveText("≈ $0.1664/h"); // 3 + 1 × t3.medium
  await page.getByRole("button", { name: "Request environment" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  const firstUrl = page.url();
  created.push(environmentId(page));

  // The form opens with them again, and says so.
  await openForm(page);
  await expect(filledWith).toHaveText(/Your last values/);
  await expect(page.getByLabel("App replicas")).toHaveValue("3");
  await expect(page.getByLabel("App instance type")).toHaveValue("t3.medium");
  await expect(page.getByLabel("Release")).toHaveValue("v1.2.3");
  if ((await region.count()) > 0) await expect(region).toHaveValue("us-east-1");
  await expect(cost).toHaveText("≈ $0.1664/h");

  // A preset fills the fields; the server's estimate follows.
  const presets = page.getByRole("group", { name: "Presets" });
  await presets.getByRole("button", { name: "Performance testing" }).click();
  await expect(presets.getByRole("button", { name: "Performance testing" })).toHaveAttribute("aria-pressed", "true");
  await expect(filledWith).toHaveText(/Preset: Performance testing/);
  await expect(page.getByLabel("App replicas")).toHaveValue("5");
  await expect(page.getByLabel("App instance type")).toHaveValue("m6i.large");
  await expect(page.getByLabel("Release")).toHaveValue("latest"); // not in the preset: its default
  await expect(cost).toHaveText("≈ $0.5216/h"); // 5 × m6i.large + 1 × t3.medium

  await page.getByRole("button", { name: "Reset to defaults" }).click();
  await expect(filledWith).toHaveText(/Template defaults/);
  await expect(page.getByLabel("App replicas")).toHaveValue("2");
  await expect(page.getByLabel("App instance type")).toHaveValue("t3.small");
  await expect(cost).toHaveText("≈ $0.0832/h");

  // Request again: the same version and parameters, a new name.
  await page.goto(firstUrl);
  await page.getByRole("link", { name: "Request again" }).click();
  await expect(page).toHaveURL(/\/environments\/new\?again=/);
  await expect(filledWith).toHaveText(new RegExp(`Same as ${name}`));
  await expect(page.getByLabel("Environment name")).toHaveValue(`${name}-2`);
  await expect(page.getByLabel("App replicas")).toHaveValue("3");
  await expect(page.getByLabel("App instance type")).toHaveValue("t3.medium");
  await expect(page.getByLabel("Release")).toHaveValue("v1.2.3");
  await expect(cost).toHaveText("≈ $0.1664/h");
  await page.getByRole("button", { name: "Request environment" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `${name}-2` })).toBeVisible();
  created.push(environmentId(page));

  const [first, again] = await Promise.all(
    created.map(async (id) => (await (await page.request.get(`/api/v1/environments/${id}`)).json()) as { template: { id: string; version: number }; parameters: unknown; region: string }),
  );
  expect(again!.template).toEqual(first!.template);
  expect(again!.parameters).toEqual(first!.parameters);
  expect(again!.region).toBe(first!.region);
});

test("an environment on a deprecated version is requested again on the newest one, after saying so", async ({ page }) => {
  test.setTimeout(120_000);
  // A platform engineer of the team: publishes the template, requests from it, then deprecates the version.
  const platform = await createUser({ role: "platform", teamSlug: "demo", label: "memory-platform" });
  await signIn(page, platform);
  const slug = `e2e-again-${randomUUID().slice(0, 8)}`;
  const yaml = (sizes: string) => `name: Again box
parameters:
  type: object
  properties:
    size: { type: string, title: Size, enum: [${sizes}], default: t3.micro }
    note: { type: string, title: Note, default: none }
lease: { default: 1h, max: 1d }
instanceGroups:
  - name: web
    image: { owner: amazon, name: "al2023-ami-2023.*-x86_64" }
    instanceType: "\${{ params.size }}"
`;
  expect((await page.request.post("/api/v1/templates", { data: { slug, source: yaml("t3.micro, t3.small, t3.medium") } })).status()).toBe(201);
  const name = `old-${Date.now().toString(36)}`;
  const first = await page.request.post("/api/v1/environments", { data: { name, template: slug, parameters: { size: "t3.medium", note: "keep me" }, region: "us-east-1" } });
  expect(first.status(), await first.text()).toBe(201);
  const firstId = ((await first.json()) as { id: string }).id;
  created.push(firstId);
  expect((await page.request.post(`/api/v1/templates/${slug}/versions`, { data: { source: yaml("t3.micro, t3.small") } })).status()).toBe(201);
  expect((await page.request.patch(`/api/v1/templates/${slug}/versions/1`, { data: { deprecated: true } })).status()).toBe(200);

  await page.goto(`/environments/${firstId}`);
  await page.getByRole("link", { name: "Request again" }).click();
  const refused = page.getByRole("status").filter({ hasText: "This version takes no new requests" });
  await expect(refused).toContainText("Version 1 of Again box is deprecated and takes no new requests; version 2 is the newest you can request.");
  await refused.getByRole("link", { name: "Request again with version 2" }).click();

  await expect(page.getByRole("status").filter({ hasText: "Filled with:" })).toHaveText(new RegExp(`Same as ${name} \\(made from version 1\\)`));
  await expect(page.getByText("Size is no longer accepted by this version, so it takes its default.")).toBeVisible();
  await expect(page.getByLabel("Note")).toHaveValue("keep me");
  await expect(page.getByLabel("Size")).toHaveValue("t3.micro");
  await expect(page.getByLabel("Environment name")).toHaveValue(`${name}-2`);
  await page.getByRole("button", { name: "Request environment" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `${name}-2` })).toBeVisible();
  created.push(environmentId(page));
  const again = (await (await page.request.get(`/api/v1/environments/${environmentId(page)}`)).json()) as { template: { slug: string; version: number }; parameters: unknown };
  expect(again.template).toMatchObject({ slug, version: 2 });
  expect(again.parameters).toEqual({ size: "t3.micro", note: "keep me" });
});
