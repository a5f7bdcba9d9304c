// Administration in the browser: only site admins see it; an admin invites a person and gets a
// one-time link, the person sets a password there and signs in; the admin finds them, changes
// their team roles and disables them; the audit log shows each step, filters, refuses a bad
// date at its field, and exports what it shows.
import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { signIn } from "../support/sign-in";
import { makeSiteAdmin } from "../support/site-admin";
import { createUser, databaseUrl, type SeededUser } from "../support/users";

const suffix = randomUUID().slice(0, 8);
let admin: SeededUser;
let developer: SeededUser;

test.beforeAll(async () => {
  test.skip(!databaseUrl(), "needs the system's database to create users");
  admin = await createUser({ role: "admin", teamSlug: `adm-${suffix}`, label: "admin-ui" });
  await makeSiteAdmin(admin.email);
  developer = await createUser({ role: "developer", teamSlug: `adm-${suffix}`, label: "admin-ui-dev" });
  await createUser({ role: "viewer", teamSlug: `adm2-${suffix}`, label: "admin-ui-other" });
});

test("people who are not site admins get a 403 page and no Admin link", async ({ page }) => {
  await signIn(page, developer);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" })).toHaveCount(0);
  await page.goto("/admin/users");
  await expect(page.getByText("Only site administrators manage users")).toBeVisible();
  await page.goto("/admin/audit");
  await expect(page.getByText("Only site administrators read the audit log")).toBeVisible();
});

test("invite, accept, change roles, disable, and read it all in the audit log", async ({ page, browser }) => {
  const email = `invitee-${suffix}@e2e.hangar.local`;
  await signIn(page, admin);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" }).click();
  await expect(page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Users" })).toHaveAttribute("aria-current", "page");

  await page.getByRole("button", { name: "Invite user" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Email").fill(admin.email);
  await dialog.getByLabel("Name").fill("Someone");
  await dialog.getByRole("button", { name: "Create invite link" }).click();
  await expect(dialog.getByText("Email already has an account")).toBeVisible();
  await dialog.getByLabel("Email").fill(email);
  await dialog.getByLabel("Name").fill(`Invited ${suffix}`);
  await dialog.getByLabel("Team").selectOption({ label: `Team adm-${suffix}` });
  await dialog.getByLabel("Role").selectOption("viewer");
  await dialog.getByRole("button", { name: "Create invite link" }).click();
  await expect(dialog.getByText("Copy the link now: it is shown only once")).toBeVisible();
  const link = (await dialog.getByLabel("Invite link", { exact: true }).textContent())!.trim();
  expect(link).toMatch(/\/invite\?token=[A-Za-z0-9_-]{43}$/);
  await dialog.getByRole("button", { name: "Done" }).click();

  await page.getByLabel("Search users").fill(email);
  await page.getByRole("button", { name: "Search" }).click();
  const row = page.getByRole("row", { name: new RegExp(email) });
  await expect(row).toContainText("invited");
  await expect(row).toContainText(`adm-${suffix} (viewer)`);

  // The invitee, in a browser of their own.
  const theirs = await browser.newContext();
  const invitee = await theirs.newPage();
  await invitee.goto(new URL(link).pathname + new URL(link).search);
  await expect(invitee.getByText(`Set a password for ${email}`)).toBeVisible();
  await invitee.getByRole("textbox", { name: "Password", exact: true }).fill("short");
  await invitee.getByLabel("Confirm password").fill("short");
  await invitee.getByRole("button", { name: "Set password" }).click();
  await expect(invitee.getByText("Password must be at least 12 characters")).toBeVisible();
  await invitee.getByRole("textbox", { name: "Password", exact: true }).fill("invited person pw");
  await invitee.getByLabel("Confirm password").fill("invited person pw");
  await invitee.getByRole("button", { name: "Set password" }).click();
  await expect(invitee.getByText("Your password is set")).toBeVisible();
  await signIn(invitee, { email, password: "invited person pw" });
  await invitee.goto(new URL(link).pathname + new URL(link).search);
  await expect(invitee.getByText("This invitation link is not valid")).toBeVisible();

  await page.reload();
  await expect(row).toContainText("active");
  await row.getByRole("button", { name: `Change roles of ${email}` }).click();
  const roles = page.getByRole("dialog");
  await roles.getByRole("button", { name: "Add team" }).click();
  await roles.getByLabel("Team 2", { exact: true }).selectOption({ label: `Team adm-${suffix}` });
  await roles.getByRole("button", { name: "Save roles" }).click();
  await expect(roles.getByText("Team is listed twice: give each team one role")).toBeVisible();
  await roles.getByLabel("Team 2", { exact: true }).selectOption({ label: `Team adm2-${suffix}` });
  await roles.getByLabel("Role in team 2").selectOption("developer");
  await roles.getByRole("button", { name: "Save roles" }).click();
  await expect(row).toContainText(`adm2-${suffix} (developer)`);

  await row.getByRole("button", { name: `Disable ${email}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Disable user" }).click();
  await expect(row).toContainText("disabled");
  await invitee.goto("/environments");
  await expect(invitee).toHaveURL(/\/signin/);
  await theirs.close();

  await page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Audit log" }).click();
  await page.getByLabel("From").fill("2026-12-31");
  await page.getByLabel("To", { exact: true }).fill("2026-01-01");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByText("To is before from")).toBeVisible();
  await page.getByRole("link", { name: "Clear" }).click();
  await page.getByLabel("Text").fill(email);
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByText("No events match")).toHaveCount(0);
  await page.getByLabel("Action").fill("user.");
  await page.getByLabel("Text").fill("");
  await page.getByLabel("Actor").fill(email);
  await page.getByRole("button", { name: "Filter" }).click();
  const log = page.locator("tbody");
  await expect(log.getByText("user.invite_accept")).toBeVisible();
  await expect(log.getByText("user.disable")).toHaveCount(0);
  await expect(log.locator("time").first()).toHaveAttribute("title", /.+/);

  const csvHref = await page.getByRole("link", { name: "Export CSV" }).getAttribute("href");
  expect(csvHref).toContain("actor=");
  const csv = await page.request.get(csvHref!);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const text = await csv.text();
  expect(text.split("\r\n")[0]).toMatch(/^id,at,actor_email/);
  expect(text).toContain("user.invite_accept");
  expect(text).not.toContain("invited person pw");
  const jsonl = await page.request.get((await page.getByRole("link", { name: "Export JSONL" }).getAttribute("href"))!);
  const lines = (await jsonl.text()).trim().split("\n").map((line) => JSON.parse(line) as { action: string });
  expect(lines.every((event) => event.action.startsWith("user."))).toBe(true);
});
