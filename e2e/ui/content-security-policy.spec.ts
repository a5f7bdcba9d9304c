// Pages work under the Content Security Policy (scripts only with the request's nonce): signing in,
// the lists, the request form and the template editor (CodeMirror) log no refusals, while an
// inline script injected into a page's HTML is refused, which also proves the listener hears it.
import { expect, test } from "@playwright/test";
import { cspViolations } from "../support/csp";
import { signIn } from "../support/sign-in";
import { createUser, databaseUrl, type SeededUser } from "../support/users";

let platform: SeededUser;
test.beforeAll(async () => {
  test.skip(!databaseUrl(), "needs the system's database to create a user");
  platform = await createUser({ role: "platform", teamSlug: "demo", label: "csp" });
});

test("pages render and run under the policy without a refusal", async ({ page }) => {
  const refused = cspViolations(page);
  const nonces = new Set<string>();
  page.on("response", (response) => {
    if (response.request().resourceType() !== "document") return;
    const policy = response.headers()["content-security-policy"] ?? "";
    nonces.add(/'nonce-([^']+)'/.exec(policy)?.[1] ?? "none");
  });
  await signIn(page, platform);
  await expect(page.getByRole("heading", { level: 1, name: "Environments", exact: true })).toBeVisible();
  await page.goto("/catalog");
  await expect(page.getByRole("heading", { level: 1, name: "Catalog", exact: true })).toBeVisible();
  await page.goto("/environments/new?template=web-dev");
  await page.getByLabel("Environment name").fill("csp-check");
  await expect(page.getByText(/≈ \$/).first()).toBeVisible(); // the estimate came back: client code ran
  await page.goto("/templates/new");
  const editor = page.locator(".cm-content").first();
  await expect(editor).toBeVisible();
  await editor.click();
  await page.keyboard.type("# typed under the policy\n");
  await expect(editor).toContainText("typed under the policy");
  expect(refused).toEqual([]);
  // A fresh nonce for every page.
  expect(nonces.has("none")).toBe(false);
  expect(nonces.size).toBeGreaterThanOrEqual(4);

  // An inline script without the nonce, as an injection would put it in the page, is refused:
  // the policy holds and the listener hears it. (Scripts run through Playwright's evaluate are
  // DevTools' own and bypass CSP, so the script goes into the page's HTML on its way in.)
  await page.route("**/catalog", async (route) => {
    const response = await route.fetch();
    const headers = Object.fromEntries(Object.entries(response.headers()).filter(([name]) => name !== "content-length"));
    const body = (await response.text()).replace("</body>", "<script>document.title = 'injected'</script></body>");
    await route.fulfill({ response, headers, body });
  });
  await page.goto("/catalog");
  await expect.poll(() => refused.length).toBeGreaterThan(0);
  // Chromium words it "Refused to execute inline script …" or "Executing inline script violates …".
  expect(refused.join("\n")).toMatch(/inline script/i);
  expect(await page.title()).not.toBe("injected");
});
