// A developer describes a service and its releases in the browser: the create form offers the
// web-dev template's groups, a bad repository URL is shown at its field and fixed, a release with
// a config value appears in the list, and reusing its version shows the 409 at the version field.
import { randomUUID } from "node:crypto";
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

  await page.getByRole("textbox", { name: "Name", exact: true }).fill(name);
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

  await page.goto(`/services?search=${name}`);
  await expect(page.getByRole("row").filter({ hasText: name })).toContainText("1.0.0");
});
