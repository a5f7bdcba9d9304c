// The API reference at /api/docs: Swagger UI, served from our own origin, renders the OpenAPI
// document under the Content Security Policy (scripts only with the request's nonce), without
// signing in, and an operation opens to show its parameters and answer.
import { expect, test } from "@playwright/test";
import { cspViolations } from "../support/csp";

test("/api/docs renders the API's operations with no CSP refusal", async ({ page }) => {
  const refused = cspViolations(page);
  const requested: string[] = [];
  page.on("request", (request) => requested.push(request.url()));
  const response = await page.goto("/api/docs");
  expect(response?.status()).toBe(200);
  expect(response?.headers()["content-security-policy"] ?? "").toContain("'strict-dynamic'");

  const list = page.locator("#operations-environments-getEnvironments");
  await expect(list).toBeVisible();
  await expect(list).toContainText("GET");
  await expect(list).toContainText("/api/v1/environments");
  await expect(list).toContainText("Environments of your teams, newest first");

  // Opening it shows the query parameters and the 200 answer's schema, read from the zod schemas.
  await list.locator(".opblock-summary").click();
  await expect(list.getByText("cursor", { exact: true }).first()).toBeVisible();
  await expect(list.locator(".responses-wrapper")).toContainText("200");

  await expect(page.locator("#operations-environments-postEnvironments")).toContainText("/api/v1/environments");
  expect(refused).toEqual([]);
  // Nothing from a CDN: every request stays on Hangar's origin.
  const origin = new URL(page.url()).origin;
  expect(requested.filter((url) => /^https?:/.test(url) && !url.startsWith(origin))).toEqual([]);
});

test("only Swagger UI's own two files are served from node_modules", async ({ request }) => {
  const script = await request.get("/api/docs/assets/swagger-ui-bundle.js");
  expect(script.status()).toBe(200);
  expect(script.headers()["content-type"]).toContain("javascript");
  expect((await request.get("/api/docs/assets/package.json")).status()).toBe(404);
  expect((await request.get("/api/docs/assets/..%2F..%2Fpackage.json")).status()).toBe(404);
});
