// Every /api/v1 route refuses anonymous callers with a JSON 401, and the demo users can sign in
// through next-auth's credentials flow (the requests the sign-in form makes).
import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { ADMIN_EMAIL, DEMO_PASSWORD, DEVELOPER_EMAIL, expectError, postCredentials, signedInContext } from "../support/api";

const API_DIR = path.resolve(import.meta.dirname, "../../app/api/v1");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
/** Routes that are public on purpose (and why), checked separately below. */
const PUBLIC = new Set([
  "GET /api/v1/templates/schema.json", // the template format, for editors
  "GET /api/v1/openapi.json", // the API's description (OpenAPI 3.1): no data
  "POST /api/v1/services/:id/webhook", // releases from CI: signed, not signed in (e2e/api/service-webhook.spec.ts)
]);

/** Every (method, path) the v1 API serves, read from the route files so new routes are covered. */
function apiRoutes(): { method: (typeof METHODS)[number]; path: string }[] {
  const routes: { method: (typeof METHODS)[number]; path: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/^route\.tsx?$/.test(entry.name)) {
        const source = readFileSync(full, "utf8");
        const urlPath = `/api/v1/${path.relative(API_DIR, dir)}`.replace(/\/$/, "").replace(/\[[^\]]+\]/g, () => randomUUID());
        for (const method of METHODS) {
          const exported = new RegExp(`export\\s+(const|async\\s+function|function)\\s+${method}\\b|export\\s*\\{[^}]*\\bas\\s+${method}\\b`).test(source);
          if (exported && !PUBLIC.has(`${method} ${urlPath.replace(/[0-9a-f-]{36}/g, ":id")}`)) routes.push({ method, path: urlPath });
        }
      }
    }
  };
  walk(API_DIR);
  return routes;
}

test.describe("without a session", () => {
  const routes = apiRoutes();

  test("the route list is read from app/api/v1", () => {
    expect(routes.length).toBeGreaterThanOrEqual(15);
    expect(routes.map((r) => `${r.method} ${r.path.replace(/[0-9a-f-]{36}/g, ":id")}`)).toEqual(
      expect.arrayContaining(["GET /api/v1/me", "POST /api/v1/environments", "DELETE /api/v1/environments/:id", "GET /api/v1/environments/:id/events", "POST /api/v1/cloud-accounts/:id/test"]),
    );
  });

  for (const route of routes) {
    test(`${route.method} ${route.path.replace(/[0-9a-f-]{36}/g, ":id")} is 401`, async ({ request }) => {
      const response = await request.fetch(route.path, { method: route.method, data: route.method === "GET" ? undefined : {} });
      await expectError(response, 401, "unauthenticated");
    });
  }

  test("the template format (JSON Schema) is public: editors fetch it without a session", async ({ request }) => {
    const response = await request.get("/api/v1/templates/schema.json");
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toContain("application/schema+json");
    const schema = (await response.json()) as { title: string; required: string[] };
    expect(schema.title).toBe("Hangar environment template");
    expect(schema.required).toEqual(expect.arrayContaining(["name", "lease", "instanceGroups"]));
  });

  test("the OpenAPI document is public and describes the API without data", async ({ request }) => {
    const response = await request.get("/api/v1/openapi.json");
    expect(response.status()).toBe(200);
    const doc = (await response.json()) as { openapi: string; paths: Record<string, unknown>; components: { securitySchemes: Record<string, unknown> } };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/api/v1/environments", "/api/v1/environments/{id}", "/api/v1/me"]));
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(["bearer", "session"]);
    expect(JSON.stringify(doc)).not.toMatch(/@hangar\.local|hgr_[A-Za-z0-9]{20}/);
  });

  test("a forged session cookie is 401 too", async ({ request }) => {
    const response = await request.get("/api/v1/me", { headers: { cookie: "next-auth.session-token=forged.not-a-jwt.value" } });
    await expectError(response, 401, "unauthenticated");
  });

  test("a wrong password gives no session", async ({ playwright }) => {
    const context = await playwright.request.newContext({ baseURL: process.env.E2E_BASE_URL });
    const response = await postCredentials(context, DEVELOPER_EMAIL, `${DEMO_PASSWORD}-wrong`);
    expect(response.status()).toBeGreaterThanOrEqual(300);
    await expectError(await context.get("/api/v1/me"), 401, "unauthenticated");
    await context.dispose();
  });
});

test.describe("signed in", () => {
  test("the developer gets a session and sees their team", async () => {
    const developer = await signedInContext(DEVELOPER_EMAIL);
    const me = (await (await developer.get("/api/v1/me")).json()) as { isAdmin: boolean; memberships: { teamSlug: string; role: string }[] };
    expect(me.isAdmin).toBe(false);
    expect(me.memberships).toEqual([expect.objectContaining({ teamSlug: "demo", role: "developer" })]);
    await developer.dispose();
  });

  test("the admin gets a session with admin rights", async () => {
    const admin = await signedInContext(ADMIN_EMAIL);
    expect(((await (await admin.get("/api/v1/me")).json()) as { isAdmin: boolean }).isAdmin).toBe(true);
    await admin.dispose();
  });

  test("templates are listed and readable by slug", async () => {
    const developer = await signedInContext(DEVELOPER_EMAIL);
    const list = (await (await developer.get("/api/v1/templates")).json()) as { items: { slug: string }[]; total: number };
    expect(list.items.map((t) => t.slug)).toEqual(expect.arrayContaining(["web-dev", "service-stack"]));
    const detail = await developer.get("/api/v1/templates/web-dev");
    expect(detail.status()).toBe(200);
    const template = (await detail.json()) as { slug: string; version: { version: number; spec: { parameters: { properties: Record<string, unknown> } } } };
    expect(template.slug).toBe("web-dev");
    expect(Object.keys(template.version.spec.parameters.properties)).toEqual(expect.arrayContaining(["branch", "size"]));
    await expectError(await developer.get("/api/v1/templates/no-such-template"), 404, "not_found");
    await developer.dispose();
  });
});
