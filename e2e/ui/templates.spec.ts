// A platform engineer's template in the browser: its versions with who published them and their
// notes, the side-by-side changes between two versions, and deprecating a version.
import { randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { signIn } from "../support/sign-in";
import { signedInContext } from "../support/api";
import { createUser, databaseUrl, type SeededUser } from "../support/users";

let platform: SeededUser;
let api: APIRequestContext;
const slug = `ui-tpl-${randomUUID().slice(0, 8)}`;
const yaml = (lease: string, extra = "") => `name: UI box\nlease: { default: ${lease}, max: 1d }\ninstanceGroups:\n  - name: web\n    image: ami-0123456789abcdef0\n    instanceType: t3.micro\n${extra}`;

test.beforeAll(async () => {
  test.skip(!databaseUrl(), "needs the system's database to create a platform user");
  platform = await createUser({ role: "platform", teamSlug: `platform-${randomUUID().slice(0, 6)}`, label: "platform-ui" });
  api = await signedInContext(platform.email, platform.password);
  expect((await api.post("/api/v1/templates", { data: { slug, source: yaml("1h"), changeNote: "first cut" } })).status()).toBe(201);
  expect((await api.post(`/api/v1/templates/${slug}/versions`, { data: { source: yaml("2h", "outputs:\n  id: \"${{ env.id }}\"\n"), baseVersion: 1, changeNote: "longer lease, an output" } })).status()).toBe(201);
});
test.afterAll(async () => {
  await api?.dispose();
});

/** A version's row, found by its own link (other rows mention it in "Changes from v1"). */
const versionRow = (page: Page, version: number) =>
  page.getByRole("region", { name: /^Versions/ }).getByRole("row").filter({ has: page.getByRole("link", { name: `v${version}`, exact: true }) });


test("versions, the changes between two of them side by side, and deprecating one", async ({ page }) => {
  await signIn(page, platform);
  await page.goto(`/templates/${slug}`);
  const versions = page.getByRole("region", { name: /^Versions/ });
  await expect(versions.getByRole("row")).toHaveCount(3);
  await expect(versionRow(page, 2)).toContainText("longer lease, an output");
  await expect(versionRow(page, 1)).toContainText(platform.email);

  await versions.getByRole("link", { name: "Changes from v1" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Changes from v1 to v2" })).toBeVisible();
  const diff = page.getByRole("table", { name: "Changes from Version 1 to Version 2" });
  await expect(diff.locator('[data-kind="removed"]')).toContainText("lease: { default: 1h, max: 1d }");
  await expect(diff.locator('[data-kind="added"]').first()).toContainText("lease: { default: 2h, max: 1d }");
  await expect(page.getByText("3 line(s) added")).toBeVisible();

  await page.goto(`/templates/${slug}?version=1`);
  await page.getByRole("button", { name: "Deprecate version 1" }).click();
  await expect(versionRow(page, 1)).toContainText("deprecated");
  await expect(page.getByText("This version takes no new requests")).toBeVisible();
  await page.goto(`/templates/${slug}?version=9`);
  await expect(page.getByRole("heading", { name: /not found/i })).toBeVisible();
});
