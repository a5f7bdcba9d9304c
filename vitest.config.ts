import path from "node:path";
import { defineConfig } from "vitest/config";

const root = path.dirname(new URL(import.meta.url).pathname);

// Unit tests sit next to code; integration tests (tests/) run flows against real Postgres,
// Redis and the sandbox over HTTP. Both get Postgres/Redis from one global setup that starts
// embedded ones when DATABASE_URL / REDIS_URL are not set.
export default defineConfig({
  resolve: { alias: { "@": root } },
  test: {
    globalSetup: ["tests/setup/global-setup.ts"],
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true", LOG_LEVEL: "silent" },
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["{lib,sandbox,workers,cli,scripts,components,app,bench}/**/*.test.{ts,tsx}"],
        },
      },
      {
        extends: true,
        test: { name: "integration", include: ["tests/**/*.test.ts"], exclude: ["tests/reliability/**"] },
      },
      {
        // Kills workers, flushes Redis, restarts Postgres: its own servers, one file at a time,
        // nothing else running beside it (its own stage of npm test).
        extends: true,
        test: { name: "reliability", include: ["tests/reliability/**/*.test.ts"], fileParallelism: false, testTimeout: 600_000 },
      },
    ],
  },
});
