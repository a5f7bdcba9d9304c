// A platform engineer writes a template in the browser: a mistake is marked at its line as they
// type, the list under the editor takes them to it, they fix it and publish version 1, edit and
// publish version 2 with a note, and see the changed line between the two. A version published
// by someone else meanwhile stops the publish with a way to compare. A developer gets no editor.
// The template page answers 404 for a version it does not have.
import { randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { signIn } from "../support/sign-in";
import { DEMO_PASSWORD, DEVELOPER_EMAIL, signedInContext } from "../support/api";
import { createUser, databaseUrl, type SeededUser } from "../support/users";

test.describe.configure({ mode: "serial" });

let platform: SeededUser;
const slug = `ui-edit-${randomUUID().slice(0, 8)}`;
const yaml = (lease: string, extra = "") =>
  `name: Editor box\nlease: { default: ${lease}, max: 1d }\ninstanceGroups:\n  - name: web\n    image: ami-0123456789abcdef0\n    instanceType: t3.micro\n${extra}`;

test.beforeAll(async () => {
  test.skip(!databaseUrl(), "needs the system's database to create a platform user");
  platform = await createUser({ role: "platform", teamSlug: `platform-${randomUUID().slice(0, 6)}`, label: "platform-editor" });
});


const editorOf = (page: Page) => page.getByRole("textbox", { name: "Template YAML" });
const status = (page: Page) => page.getByRole("status").filter({ hasText: /Checking|No problems|problem/ });

test("write with a mistake, fix it where the editor points, publish v1, edit to v2, compare", async ({ page }) => {
  await signIn(page, platform);
  await page.goto("/catalog");
  await page.getByRole("link", { name: "New template" }).click();
  await expect(page).toHaveURL(/\/templates\/new$/);
  await expect(page.getByRole("heading", { level: 1, name: "New template" })).toBeVisible();
  const editor = editorOf(page);
  await expect(editor).toContainText("# A Hangar template");
  await expect(status(page)).toHaveText("No problems found.");

  await page.getByLabel("Slug").fill(slug);
  await editor.fill(yaml("1h", "    colour: blue\n"));
  const problem = page.getByRole("list", { name: "Problems in the template" }).getByRole("button");
  await expect(problem).toHaveText("line 7, column 5: instanceGroups.0.colour — is not a known field");
  // In the editor itself: underlined where the parser says, and marked in the gutter.
  // (Syntax highlighting may split the mark into one element per token.)
  await expect.poll(async () => (await page.locator(".cm-lintRange-error").allTextContents()).join("")).toBe("colour:");
  await expect(page.locator(".cm-lint-marker-error")).toHaveCount(1);

  await problem.click();
  await expect(editor).toBeFocused();
  await expect(page.locator(".cm-activeLine")).toHaveText("    colour: blue");
  await page.keyboard.press("Shift+End");
  await page.keyboard.press("Backspace");
  await expect(status(page)).toHaveText("No problems found.");
  await expect(page.locator(".cm-lintRange-error")).toHaveCount(0);

  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/templates/${slug}$`));
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Editor box");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("v1");

  await page.getByRole("link", { name: "Edit", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/templates/${slug}/edit$`));
  await expect(editor).toContainText("lease: { default: 1h, max: 1d }");
  await editor.fill(yaml("2h"));
  await expect(status(page)).toHaveText("No problems found.");
  await page.getByLabel("Change note").fill("a longer lease");
  await page.getByRole("button", { name: "Publish version" }).click();
  await expect(page).toHaveURL(new RegExp(`/templates/${slug}$`));
  await expect(page.getByRole("heading", { level: 1 })).toContainText("v2");
  const versions = page.getByRole("region", { name: /^Versions/ });
  await expect(versions).toContainText("a longer lease");

  await versions.getByRole("link", { name: "Changes from v1" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Changes from v1 to v2" })).toBeVisible();
  const diff = page.getByRole("table", { name: "Changes from Version 1 to Version 2" });
  // (The blank line left where colour was is gone in v2 too.)
  await expect(diff.locator('[data-kind="removed"]', { hasText: "lease: { default: 1h, max: 1d }" })).toBeVisible();
  await expect(diff.locator('[data-kind="added"]', { hasText: "lease: { default: 2h, max: 1d }" })).toBeVisible();
});

test("a version published meanwhile stops the publish, with the diff and a way on", async ({ page }) => {
  let api: APIRequestContext | undefined;
  try {
    await signIn(page, platform);
    await page.goto(`/templates/${slug}/edit`);
    await expect(page.getByText("Based on version 2")).toBeVisible();
    // Someone else publishes v3 while this editor is open on v2.
    api = await signedInContext(platform.email, platform.password);
    expect((await api.post(`/api/v1/templates/${slug}/versions`, { data: { source: yaml("3h"), baseVersion: 2 } })).status()).toBe(201);

    await editorOf(page).fill(yaml("4h"));
    await page.getByRole("button", { name: "Publish version" }).click();
    await expect(page.getByText("Version 3 was published after your base version 2")).toBeVisible();
    await expect(page.getByRole("link", { name: "Compare v2 with v3" })).toHaveAttribute("href", `/templates/${slug}/diff?from=2&to=3`);

    await page.getByRole("button", { name: "Load version 3 (replaces your text)" }).click();
    await expect(editorOf(page)).toContainText("default: 3h");
    await expect(page.getByText("Based on version 3")).toBeVisible();
  } finally {
    await api?.dispose();
  }
});

test("a developer gets no editor: no New template or Edit button, and both editor pages are 403", async ({ page }) => {
  await signIn(page, { email: DEVELOPER_EMAIL, password: DEMO_PASSWORD });
  await page.goto("/catalog");
  await expect(page.getByRole("heading", { level: 1, name: "Catalog" })).toBeVisible();
  await expect(page.getByRole("link", { name: "New template" })).toHaveCount(0);
  await page.goto(`/templates/${slug}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Editor box");
  await expect(page.getByRole("link", { name: "Edit", exact: true })).toHaveCount(0);
  for (const path of ["/templates/new", `/templates/${slug}/edit`]) {
    await page.goto(path);
    await expect(page.getByText("403 — Forbidden")).toBeVisible();
    await expect(editorOf(page)).toHaveCount(0);
  }
});

test("the template page answers 404 for a version it does not have, or one that is not a number", async ({ page }) => {
  await signIn(page, platform);
  expect((await page.goto(`/templates/${slug}?version=3`))?.status()).toBe(200);
  for (const version of ["99", "abc", "0", "1.0", "0x1", "-1", "99999999999"]) {
    const response = await page.goto(`/templates/${slug}?version=${version}`);
    expect(response?.status(), `?version=${version}`).toBe(404);
    await expect(page.getByRole("heading", { name: "Template not found" })).toBeVisible();
  }
});
