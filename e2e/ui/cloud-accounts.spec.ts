// An admin adds a cloud account in the browser: the default-region choice offers only real
// regions from the list, a bad region and an ftp:// endpoint come back as sentences (the bad
// region named, no validator wording) in an error summary that is brought into view and
// focused, and the fixed account appears with its owner team and the teams it is shared with.
import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { ADMIN_EMAIL, DEMO_PASSWORD, signedInContext } from "../support/api";
import { signIn } from "../support/sign-in";

const name = `ui-acct-${randomBytes(3).toString("hex")}`;

test.afterAll(async () => {
  const admin = await signedInContext(ADMIN_EMAIL);
  const { items } = (await (await admin.get("/api/v1/cloud-accounts")).json()) as { items: { id: string; name: string }[] };
  for (const account of items.filter((a) => a.name === name)) await admin.delete(`/api/v1/cloud-accounts/${account.id}`);
  await admin.dispose();
});

test("add an account: errors are sentences in a summary that stays in view, then it is saved with its teams", async ({ page }) => {
  test.skip(!DEMO_PASSWORD, "needs the demo admin's password (HANGAR_DEMO_PASSWORD)");
  await page.setViewportSize({ width: 1280, height: 640 });
  await signIn(page, { email: ADMIN_EMAIL, password: DEMO_PASSWORD });
  await page.goto("/cloud-accounts");
  await page.getByRole("button", { name: "Add account" }).click();
  const dialog = page.getByRole("dialog", { name: "Add cloud account" });

  await dialog.getByRole("textbox", { name: "Name" }).fill(name);
  await dialog.getByLabel("Regions").fill("us-east-1, us-east-9, eu-west-1");
  // Only real regions from the list can be the default.
  await expect(dialog.getByLabel("Default region").locator("option")).toHaveText(["us-east-1", "eu-west-1"]);
  await dialog.getByLabel("Endpoint").fill("ftp://ec2.example.internal");
  await dialog.getByLabel("Owner team").selectOption("demo");
  await dialog.getByRole("button", { name: "Add account" }).click();

  const summary = dialog.getByRole("alert");
  await expect(summary).toBeFocused();
  await expect(summary).toBeInViewport();
  await expect(summary).toContainText("'us-east-9' is not an AWS region");
  await expect(summary).toContainText("Endpoint must be an http:// or https:// URL");
  await expect(dialog).not.toContainText(/Too small|Invalid URL|expected string/);
  await expect(dialog.getByLabel("Regions")).toHaveAccessibleDescription(/'us-east-9' is not an AWS region/);

  // A link in the summary takes you to the field.
  await summary.getByRole("link", { name: "Endpoint" }).click();
  await expect(dialog.getByLabel("Endpoint")).toBeFocused();

  await dialog.getByLabel("Regions").fill("us-east-1, eu-west-1");
  await dialog.getByLabel("Endpoint").fill("");
  await dialog.getByLabel("Default region").selectOption("eu-west-1");
  await dialog.getByRole("button", { name: "Add account" }).click();
  await expect(dialog).toBeHidden();

  const card = page.getByRole("article", { name });
  await expect(card).toContainText("Demo team");
  await expect(card).toContainText("eu-west-1");
});
