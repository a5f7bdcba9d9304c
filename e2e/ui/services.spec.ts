// A developer describes a service and its releases in the browser: the create form offers the
// web-dev template's groups, a bad repository URL is shown at its field and fixed, a release with
// a config value appears in the list, and reusing its version shows the 409 at the version field.
// A webhook secret is shown once; after a rotation only the new one signs releases.
import { createHmac, randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { signIn } from "../support/sign-in";
import { createUser, databaseUrl, type SeededUser } from "../support/users";

let developer: SeededUser;
const name = `ui-svc-${randomUUID().slice(0, 8)}`;
const image = "ghcr.io/acme/web:1.0.0";

test.beforeAll(async () => {
  test.skip(!databaseUrl(), "needs the system's database to create a developer with one team");
  // One team, so the form has no team to choose.
  developer = await createUser({ role: "developer", teamSlug: "demo", label: "svc-ui" });
});

test("create a service from web-dev's web group, then releases of it, with errors at their fields", async ({ page }) => {
  await signIn(page, developer);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Services" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Services" })).toBeVisible();
  await page.getByRole("link", { name: "New service" }).first().click();

  // A name with capitals is refused before submitting, with the name that would fit; never lowercased.
  const nameBox = page.getByRole("textbox", { name: "Name", exact: true });
  await nameBox.fill("My-Service");
  await page.getByLabel("Description").focus();
  await expect(nameBox).toHaveAccessibleDescription("Name must use only lowercase letters, digits and hyphens: try 'my-service'");
  await nameBox.fill(name);
  await expect(nameBox).not.toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("Description").fill("The storefront");
  await page.getByLabel("Repository URL").fill("github.com/acme/web");
  const template = page.getByLabel("Template");
  const webDev = await template.locator("option", { hasText: "(web-dev v" }).getAttribute("value");
  await template.selectOption(webDev ?? "");
  await page.getByLabel("Instance group").selectOption("web");
  await page.getByLabel("Also check over HTTP").check();
  await page.getByLabel("Port").fill("8080");
  await page.getByLabel("Strategy", { exact: true }).selectOption("blue-green");
  await page.getByRole("button", { name: "Create service" }).click();

  const repository = page.getByLabel("Repository URL");
  await expect(repository).toHaveAttribute("aria-invalid", "true");
  await expect(repository).toHaveAccessibleDescription(/Repository URL must be an http\(s\) or git URL/);
  await expect(page.getByRole("alert").filter({ hasText: "Fix the highlighted fields." })).toBeVisible();
  await repository.fill("https://github.com/acme/web");
  await page.getByRole("button", { name: "Create service" }).click();

  await expect(page).toHaveURL(/\/services\/[^/]+$/);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  const details = page.getByRole("region", { name: "Details" });
  await expect(details).toContainText("web");
  await expect(details).toContainText("HTTP /healthz on port 8080 answers 200");
  await expect(details).toContainText("Blue-green, old set kept 15 min");
  await expect(page.getByText("No releases yet")).toBeVisible();

  const form = page.getByRole("region", { name: "New release" });
  await form.getByLabel("Version").fill("1.0.0");
  await form.getByLabel("Artifact").fill(image);
  await form.getByLabel("Config key 1").fill("LOG_LEVEL");
  await form.getByLabel("Config value 1").fill("debug");
  await form.getByLabel("Commit SHA").fill("0123abc");
  await form.getByLabel("Changelog").fill("First release");
  await form.getByRole("button", { name: "Create release" }).click();
  await expect(form.getByText("Release 1.0.0 created")).toBeVisible();

  const releases = page.getByRole("region", { name: "Releases" });
  const row = releases.getByRole("row").filter({ hasText: "1.0.0" });
  await expect(row).toContainText("LOG_LEVEL=debug");
  await expect(row).toContainText(image);
  await expect(row.locator("time")).toHaveAttribute("title", /\d/);

  await form.getByLabel("Version").fill("1.0.0");
  await form.getByLabel("Artifact").fill("ghcr.io/acme/web:1.0.1");
  await form.getByRole("button", { name: "Create release" }).click();
  const version = form.getByLabel("Version");
  await expect(version).toHaveAttribute("aria-invalid", "true");
  await expect(version).toHaveAccessibleDescription(/already has a release 1\.0\.0/);
  await expect(releases.getByRole("row")).toHaveCount(2);

  // Releases from CI: a secret shown once; rotating it makes the first one stop working.
  const webhook = page.getByRole("region", { name: "Releases from CI" });
  await expect(webhook.getByTestId("webhook-status")).toHaveText(/No secret yet/);
  await webhook.getByRole("button", { name: "Create a webhook secret" }).click();
  const first = (await webhook.getByTestId("webhook-secret").textContent())!;
  expect(first).toMatch(/^hwhs_/);
  await expect(webhook.getByTestId("webhook-status")).toHaveText(/A secret is set/);
  await webhook.getByRole("button", { name: "Rotate the secret" }).click();
  await webhook.getByRole("button", { name: "Rotate", exact: true }).click();
  await expect(webhook.getByText("The previous secret no longer works.")).toBeVisible();
  const second = (await webhook.getByTestId("webhook-secret").textContent())!;
  expect(second).not.toBe(first);
  const serviceId = new URL(page.url()).pathname.split("/").pop()!;
  const deliver = (secret: string, version: string) => {
    const body = Buffer.from(JSON.stringify({ version, artifact: "ghcr.io/acme/web:2.0.0" }));
    return page.request.post(`/api/v1/services/${serviceId}/webhook`, {
      data: body,
      headers: { "content-type": "application/json", "x-hangar-signature": `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`, "x-hangar-delivery": randomUUID() },
    });
  };
  expect((await deliver(first, "2.0.0")).status()).toBe(401);
  expect((await deliver(second, "2.0.0")).status()).toBe(201);

  await page.goto(`/services?search=${name}`);
  // The latest release is the one CI sent.
  await expect(page.getByRole("row").filter({ hasText: name })).toContainText("2.0.0");
});
