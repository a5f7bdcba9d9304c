// Settings in the browser: the account menu leads there; the name saves; a wrong current
// password or a short new one is refused at its field; a token is shown once with a warning,
// listed with its prefix and state, and revoked after a confirmation; team admins switch to
// their team's service tokens; "sign out everywhere" ends another browser's session; a changed
// password sends this browser to sign in with a sentence saying why, and the new one works.
import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "../support/sign-in";
import { createUser, databaseUrl, type SeededUser } from "../support/users";

const suffix = randomUUID().slice(0, 8);
let person: SeededUser;

test.beforeAll(async () => {
  test.skip(!databaseUrl(), "needs the system's database to create a user");
  person = await createUser({ role: "admin", teamSlug: `set-${suffix}`, label: "settings-ui" });
});

async function openSettings(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Account" }).click();
  await page.getByRole("link", { name: "Settings" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
}

test("profile, token shown once, team tokens, revoke, and the Help menu", async ({ page }) => {
  await signIn(page, person);
  await page.getByRole("button", { name: "Help" }).click();
  await expect(page.getByRole("link", { name: "API reference" })).toHaveAttribute("href", "/api/docs");
  await page.getByRole("link", { name: "CLI guide" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "The hangar CLI" })).toBeVisible();

  await openSettings(page);
  await expect(page.getByLabel("Email")).toHaveValue(person.email);
  await page.getByLabel("Name").fill("");
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByText("Name is required")).toBeVisible();
  await page.getByLabel("Name").fill(`Settings Person ${suffix}`);
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByText("Name saved.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Account" })).toContainText(`Settings Person ${suffix}`);

  const tokens = page.getByRole("region", { name: "API tokens" });
  await expect(tokens.getByText("No API tokens yet")).toBeVisible();
  await tokens.getByRole("button", { name: "New token" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("button", { name: "Create token" }).click();
  await expect(dialog.getByText("Give the token a name")).toBeVisible();
  await dialog.getByLabel("Name").fill("laptop cli");
  await dialog.getByLabel("Scope").selectOption("write");
  await dialog.getByLabel("Expires after").selectOption("7");
  await dialog.getByRole("button", { name: "Create token" }).click();
  await expect(dialog.getByText("This is the only time it is shown")).toBeVisible();
  const secret = (await dialog.getByLabel("New token").textContent())!.trim();
  expect(secret).toMatch(/^hgr_/);
  await expect(dialog.getByRole("button", { name: "Copy token" })).toBeVisible();
  await dialog.getByRole("button", { name: "Done" }).click();
  const row = tokens.getByRole("row", { name: /laptop cli/ });
  await expect(row).toContainText(secret.slice(0, 10));
  await expect(row).toContainText("write");
  await expect(row).toContainText("Never");
  await expect(row).toContainText("active");
  await expect(row.locator("time").nth(1)).toHaveAttribute("title", /.+/);
  await expect(page.getByText(secret)).toHaveCount(0);

  await row.getByRole("button", { name: "Revoke laptop cli" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke token" }).click();
  await expect(row).toContainText("revoked");

  await tokens.getByLabel("Tokens of").selectOption({ label: `Team set-${suffix} service tokens` });
  await expect(tokens.getByText("This team has no service tokens")).toBeVisible();
  await tokens.getByRole("button", { name: "New token" }).click();
  await page.getByRole("dialog").getByLabel("Name").fill("team ci");
  await page.getByRole("dialog").getByRole("button", { name: "Create token" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Done" }).click();
  await expect(tokens.getByRole("row", { name: /team ci/ })).toContainText("read");
});

test("sign out everywhere ends another browser's session; a new password sends you to sign in", async ({ page, browser }) => {
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signIn(otherPage, person);
  await signIn(page, person);
  await openSettings(page);
  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page).toHaveURL(/\/signin/);
  await expect(page.getByText("You were signed out everywhere")).toBeVisible();
  await otherPage.goto("/settings");
  await expect(otherPage).toHaveURL(/\/signin/);
  await other.close();

  await signIn(page, person);
  await openSettings(page);
  const form = page.getByRole("region", { name: "Password" });
  await form.getByLabel("Current password").fill("not my password");
  await form.getByRole("textbox", { name: "New password", exact: true }).fill("a new password for e2e");
  await form.getByLabel("Confirm new password").fill("a new password for e2e");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByText("Current password is not right")).toBeVisible();
  await form.getByLabel("Current password").fill(person.password);
  await form.getByRole("textbox", { name: "New password", exact: true }).fill("short");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByText("New password must be at least 12 characters")).toBeVisible();
  await form.getByRole("textbox", { name: "New password", exact: true }).fill("a new password for e2e");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(page).toHaveURL(/\/signin\?notice=password-changed/);
  await expect(page.getByText("Your password was changed and every session ended")).toBeVisible();
  await signIn(page, { ...person, password: "a new password for e2e" });
  person = { ...person, password: "a new password for e2e" };
});
