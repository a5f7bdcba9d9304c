// End-to-end tests against the whole system, started by e2e/global-setup.ts exactly as a user
// starts it (the launcher, scripts/up.ts) on free ports with a throwaway data folder.
//   npx playwright test --project api          HTTP API only (no browser)
//   npx playwright test --project ui           in Chromium (Debian's /usr/bin/chromium)
//   E2E_BASE_URL=http://127.0.0.1:3000 npx playwright test   against a system already running
import { defineConfig } from "@playwright/test";

const CHROMIUM = process.env.E2E_CHROMIUM_PATH ?? "/usr/bin/chromium";
const onCi = Boolean(process.env.CI);

export default defineConfig({
  globalSetup: "./e2e/global-setup.ts",
  outputDir: "test-results",
  // One system is shared by all tests, and some specs count rows before and after a request.
  workers: 1,
  fullyParallel: false,
  forbidOnly: onCi,
  // Tests must pass without retries; on CI one retry records a trace for the failure report.
  retries: onCi ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    // Set by the global setup (it runs before the workers load this file).
    baseURL: process.env.E2E_BASE_URL,
    // Requests made with a signed-in test context (page.request, API contexts) are cookie
    // authenticated, so they pass Hangar's CSRF check the way its pages do: with its Origin.
    ...(process.env.E2E_BASE_URL ? { extraHTTPHeaders: { origin: new URL(process.env.E2E_BASE_URL).origin } } : {}),
    headless: true,
    trace: "on-first-retry",
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: CHROMIUM,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  projects: [
    { name: "api", testDir: "e2e/api" },
    { name: "ui", testDir: "e2e/ui" },
  ],
});
