// The environments list in the browser: its state filter speaks the API's vocabulary (every
// option it offers is a `state` the API accepts, "All, including destroyed" included), and it
// pages by cursor (Next / Previous, the page number, a page's URL that can be shared and opened
// again, a search that pages too). A team of its own holds 45 environments written straight
// into the system's database (failed ones: nothing in the cloud, nothing for a worker to do).
import { randomBytes, randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import pg from "pg";
import { signIn } from "../support/sign-in";
import { createUser, databaseUrl } from "../support/users";

async function insertEnvironments(teamSlug: string, ownerEmail: string, names: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl() });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO "Environment" (id, name, "liveName", "teamId", "ownerId", "templateVersionId", "cloudAccountId", region, parameters, plan, state, "failedStep", "failureReason", "expiresAt", "createdAt", "updatedAt")
       SELECT gen_random_uuid()::text, n.name, n.name, t.id, u.id,
              (SELECT v.id FROM "TemplateVersion" v JOIN "Template" tt ON tt.id = v."templateId" WHERE tt.slug = 'web-dev' ORDER BY v.version DESC LIMIT 1),
              (SELECT id FROM "CloudAccount" WHERE name = 'sandbox'), 'us-east-1', '{}', '{}', 'failed', 'launch', 'e2e: written directly',
              now() + interval '1 day', now() - ord * interval '1 second', now()
       FROM unnest($1::text[]) WITH ORDINALITY AS n(name, ord), "Team" t, "User" u WHERE t.slug = $2 AND u.email = $3`,
      [names, teamSlug, ownerEmail],
    );
  } finally {
    await client.end();
  }
}

/** The environments' names in the table, top to bottom (each row also links its template). */
const rowNames = (page: Page) => page.getByRole("table").locator('a[href^="/environments/"]').allInnerTexts();

test("every state the filter offers is one the API accepts", async ({ page }) => {
  const user = await createUser({ role: "developer", teamSlug: `states-${randomBytes(3).toString("hex")}`, label: "states" });
  await signIn(page, user);
  const values = await page.getByLabel("State").locator("option").evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value));
  expect(values).toEqual(expect.arrayContaining(["active", "all", "ready", "destroyed"]));
  for (const state of values) {
    const response = await page.request.get(`/api/v1/environments?state=${state}&limit=1`);
    expect(response.status(), `state=${state}: ${await response.text()}`).toBe(200);
  }
  const refused = await page.request.get("/api/v1/environments?state=alive");
  expect(refused.status()).toBe(400);
  expect(((await refused.json()) as { error: { issues: { path: string }[] } }).error.issues.map((issue) => issue.path)).toEqual(["query.state"]);

  await page.getByLabel("State").selectOption({ label: "All, including destroyed" });
  await expect(page).toHaveURL(/\/environments\?state=all$/);
  await expect(page.getByRole("heading", { name: "No environments match" })).toBeVisible();
});

test("pages by cursor: Next, Previous, the page number, a shared page's URL and a search", async ({ page }) => {
  const teamSlug = `pages-${randomBytes(3).toString("hex")}`;
  const user = await createUser({ role: "developer", teamSlug, label: "pages" });
  const prefix = `pg-${randomUUID().slice(0, 6)}`;
  // Newest first: env-01 is the newest.
  await insertEnvironments(teamSlug, user.email, Array.from({ length: 45 }, (_, i) => `${prefix}-env-${String(i + 1).padStart(2, "0")}`));
  await signIn(page, user);

  const pager = page.getByRole("navigation", { name: "Pagination" });
  await expect(pager).toContainText("45 environments");
  await expect(pager).toContainText("Page 1");
  expect((await rowNames(page)).slice(0, 2)).toEqual([`${prefix}-env-01`, `${prefix}-env-02`]);
  await expect(pager.getByRole("link", { name: "Previous" })).toHaveAttribute("aria-disabled", "true");

  await pager.getByRole("link", { name: "Next" }).click();
  await expect(pager).toContainText("Page 2");
  await expect(page).toHaveURL(/cursor=/);
  expect((await rowNames(page))[0]).toBe(`${prefix}-env-21`);
  const shared = page.url();

  await pager.getByRole("link", { name: "Next" }).click();
  await expect(pager).toContainText("Page 3");
  expect(await rowNames(page)).toHaveLength(5);
  await expect(pager.getByRole("link", { name: "Next" })).toHaveAttribute("aria-disabled", "true");
  await pager.getByRole("link", { name: "Previous" }).click();
  await expect(pager).toContainText("Page 2");
  expect((await rowNames(page))[0]).toBe(`${prefix}-env-21`);

  // The URL of a page opens that page again; an edited cursor shows the first page with a note.
  await page.goto(shared);
  await expect(pager).toContainText("Page 2");
  expect((await rowNames(page))[0]).toBe(`${prefix}-env-21`);
  await page.goto(shared.replace(/cursor=[^&]+/, "cursor=edited"));
  await expect(page.getByText("That link’s page no longer exists; showing the first page.")).toBeVisible();
  expect((await rowNames(page))[0]).toBe(`${prefix}-env-01`);

  // A search pages within its matches: env-10 to env-19 are the ten with "env-1".
  await page.getByLabel("Search environments").fill(`${prefix}-env-1`);
  await page.getByLabel("Search environments").press("Enter");
  await expect(page).toHaveURL(/search=/);
  await expect.poll(() => rowNames(page)).toHaveLength(10);
  await expect(pager).toBeHidden();
});
