// The catalog in the browser: a developer finds a template by searching, narrows by a tag, reads
// its cost, time to ready and live count, and follows Request to the request form.
import { randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { signIn } from "../support/sign-in";
import { signedInContext } from "../support/api";
import { createUser, databaseUrl, type SeededUser } from "../support/users";

let platform: SeededUser;
let api: APIRequestContext;
const suffix = randomUUID().slice(0, 8);
const slug = `ui-cat-${suffix}`;
const name = `Catalog box ${suffix}`;
const tag = `e2e-${suffix}`;
const yaml = `name: ${name}
description: A box to find in the catalog.
tags: [${tag}, catalog-e2e]
lease: { default: 1h, max: 1d }
instanceGroups:
  - name: web
    image: ami-0123456789abcdef0
    instanceType: t3.micro
`;

test.beforeAll(async () => {
  test.skip(!databaseUrl(), "needs the system's database to create a platform user");
  platform = await createUser({ role: "platform", teamSlug: `cat-${suffix}`, label: "catalog-ui" });
  api = await signedInContext(platform.email, platform.password);
  expect((await api.post("/api/v1/templates", { data: { slug, source: yaml, sharedWith: "all" } })).status()).toBe(201);
});
test.afterAll(async () => {
  await api?.dispose();
});


test("search the catalog, filter by a tag and follow Request", async ({ page }) => {
  await signIn(page, platform);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Catalog" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Catalog" })).toBeVisible();

  await page.getByLabel("Search templates").fill("no template is called this");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("heading", { name: "No templates match" })).toBeVisible();
  await page.getByRole("link", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(/\/catalog$/);

  await page.getByLabel("Search templates").fill(suffix);
  await page.getByRole("button", { name: "Search" }).click();
  const card = page.getByRole("article", { name });
  await expect(card).toBeVisible();
  await expect(page.getByRole("article")).toHaveCount(1);
  await expect(card).toContainText("Maintained by Team cat-");
  await expect(card).toContainText("$0.01/h");
  await expect(card).toContainText("no runs yet");
  await expect(card).toContainText("0 live");

  // The tag chip keeps the search and narrows further; clearing the search keeps the tag.
  await page.getByRole("navigation", { name: "Filter by tag" }).getByRole("link", { name: tag }).click();
  await expect(page).toHaveURL(new RegExp(`tag=${tag}`));
  await expect(page.getByRole("navigation", { name: "Filter by tag" }).getByRole("link", { name: tag })).toHaveAttribute("aria-current", "true");
  await page.getByLabel("Search templates").fill("");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("article")).toHaveCount(1);

  await card.getByRole("link", { name: "Request" }).click();
  await expect(page).toHaveURL(new RegExp(`/environments/new\\?template=${slug}$`));
  await expect(page.getByRole("heading", { level: 1, name: `Request ${name}` })).toBeVisible();
});

test("the old template list leads to the catalog, and Details to the template's page", async ({ page }) => {
  await signIn(page, platform);
  await page.goto(`/templates?search=${suffix}`);
  await expect(page).toHaveURL(new RegExp(`/catalog\\?q=${suffix}$`));
  await page.getByRole("article", { name }).getByRole("link", { name: "Details" }).click();
  await expect(page).toHaveURL(new RegExp(`/templates/${slug}$`));
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Catalog" })).toHaveAttribute("aria-current", "page");
});
