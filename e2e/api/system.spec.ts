// What operators and load balancers call without signing in.
import { expect, test } from "@playwright/test";

test("GET /api/health reports Postgres and Redis up", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ ok: true, database: "ok", redis: "ok" });
});

test("GET /api/metrics serves Prometheus text", async ({ request }) => {
  const response = await request.get("/api/metrics");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("text/plain");
  expect(await response.text()).toMatch(/^# HELP /m);
});
