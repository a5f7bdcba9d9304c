// What operators and load balancers call without signing in.
import { expect, test } from "@playwright/test";

test("GET /api/health reports Postgres and Redis up", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ ok: true, database: "ok", redis: "ok" });
});

test("GET /api/metrics serves Prometheus text to the bearer of HANGAR_METRICS_TOKEN", async ({ request }) => {
  const token = process.env.E2E_METRICS_TOKEN;
  test.skip(!token, "the system under test was not started by the global setup (its metrics token is unknown)");
  const response = await request.get("/api/metrics", { headers: { authorization: `Bearer ${token}` } });
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("text/plain");
  expect(await response.text()).toMatch(/^# HELP /m);
});

test("GET /api/metrics refuses a request without the token, or with a wrong one", async ({ request }) => {
  const attempts: Record<string, string>[] = [{}, { authorization: "Bearer not-the-metrics-token-0123456789" }, { authorization: `Basic ${process.env.E2E_METRICS_TOKEN ?? ""}` }];
  for (const headers of attempts) {
    const response = await request.get("/api/metrics", { headers });
    expect(response.status()).toBe(401);
    expect(response.headers()["www-authenticate"]).toContain("Bearer");
    expect(await response.text()).not.toMatch(/# HELP/);
  }
});
