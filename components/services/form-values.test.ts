import { describe, expect, it } from "vitest";
import { createReleaseSchema } from "@/lib/releases/schemas";
import { createServiceSchema } from "@/lib/services/schemas";
import { configBody, defaultStrategyValues, fieldId, healthCheckBody, issuesByPath, numberOrText, strategyBody, type HealthCheckValues } from "./form-values";
import { healthCheckSummary, strategySummary } from "./strategy-summary";

const http: HealthCheckValues = { http: true, path: "/healthz", port: "8080", expectedStatus: "", timeoutSeconds: "10" };

describe("numberOrText", () => {
  it("turns numbers into numbers, leaves empty out and keeps other text for the API to name", () => {
    expect(numberOrText(" 42 ")).toBe(42);
    expect(numberOrText("")).toBeUndefined();
    expect(numberOrText("ten")).toBe("ten");
  });
});

describe("form bodies", () => {
  it("are accepted by the API's service schema, empty numbers taking its defaults", () => {
    const parsed = createServiceSchema.parse(
      JSON.parse(JSON.stringify({ name: "web", template: "web-dev", instanceGroup: "web", healthCheck: healthCheckBody(http), defaultStrategy: strategyBody(defaultStrategyValues) })),
    );
    expect(parsed.healthCheck.http).toEqual({ path: "/healthz", port: 8080, expectedStatus: 200, timeoutSeconds: 10 });
    expect(parsed.defaultStrategy).toEqual({ type: "rolling", batchSize: 1, maxUnavailable: 0 });
  });

  it("sends only the chosen strategy's settings", () => {
    expect(strategyBody({ ...defaultStrategyValues, type: "blue-green" })).toEqual({ type: "blue-green", graceMinutes: 15 });
    expect(strategyBody({ ...defaultStrategyValues, type: "canary", canaryBy: "percent", canary: "10" })).toEqual({ type: "canary", percent: 10, bakeSeconds: 300 });
    expect(healthCheckBody({ ...http, http: false })).toEqual({ http: null });
  });

  it("reports a bad number at its field path through the schema", () => {
    const result = createServiceSchema.safeParse({ name: "web", template: "t", instanceGroup: "g", defaultStrategy: strategyBody({ ...defaultStrategyValues, batchSize: "many" }) });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["defaultStrategy", "batchSize"]);
  });

  it("builds config from rows, skipping empty ones and naming keys given twice", () => {
    const rows = [
      { id: 1, key: " LOG_LEVEL ", value: "debug" },
      { id: 2, key: "", value: "" },
      { id: 3, key: "LOG_LEVEL", value: "info" },
    ];
    expect(configBody(rows)).toEqual({ config: { LOG_LEVEL: "info" }, duplicates: ["LOG_LEVEL"] });
    const parsed = createReleaseSchema.parse({ version: "1.0.0", artifact: "ghcr.io/acme/web:1.0.0", config: configBody(rows.slice(0, 2)).config });
    expect(parsed.config).toEqual({ LOG_LEVEL: "debug" });
  });
});

describe("issues at fields", () => {
  it("keeps the first message per path and makes ids safe for the DOM", () => {
    expect(issuesByPath([{ path: "version", message: "a" }, { path: "version", message: "b" }, { path: "config.A", message: "c" }])).toEqual({ version: "a", "config.A": "c" });
    expect(fieldId("healthCheck.http.port")).toBe("healthCheck-http-port");
  });
});

describe("summaries", () => {
  it("say each strategy and health check in words", () => {
    expect(strategySummary({ type: "rolling", batchSize: 2, maxUnavailable: 1 })).toBe("Rolling, 2 at a time, 1 may be unavailable");
    expect(strategySummary({ type: "blue-green", graceMinutes: 15 })).toBe("Blue-green, old set kept 15 min");
    expect(strategySummary({ type: "canary", count: 1, bakeSeconds: 300 })).toBe("Canary, 1 instance first, bake 300 s");
    expect(strategySummary({ type: "canary", percent: 10, bakeSeconds: 60 })).toBe("Canary, 10% first, bake 60 s");
    expect(healthCheckSummary({ statusChecks: true, http: null })).toBe("EC2 status checks");
    expect(healthCheckSummary({ statusChecks: true, http: { path: "/", port: 80, expectedStatus: 200, timeoutSeconds: 5 } })).toBe(
      "EC2 status checks, then HTTP / on port 80 answers 200 within 5 s",
    );
  });
});
