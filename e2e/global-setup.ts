// Playwright global setup: brings the whole system up through the launcher (as `npm start`
// does) on free ports with a fresh data folder, hands its address to the tests, and returns the
// teardown, which stops it with SIGINT and fails if anything it started is left running.
// With E2E_BASE_URL already set, tests run against that system and nothing is started.
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { launchSystem, type LaunchTimings } from "./support/launched-system";

export const LAUNCH_REPORT = path.resolve(import.meta.dirname, "../.hangar/e2e-last-launch.json");
const log = (line: string) => process.stdout.write(`[e2e] ${line}\n`);
const seconds = (ms: number | null) => (ms === null ? "n/a" : `${(ms / 1000).toFixed(1)} s`);

function describeTimings(timings: LaunchTimings): string {
  return [
    `time from command 1 to dashboard: ${seconds(timings.dashboardMs ?? timings.healthyMs)}`,
    `(launch → /api/health 200: ${seconds(timings.healthyMs)}`,
    `"Hangar is up" line: ${seconds(timings.upLineMs)}`,
    `launcher's own figure: ${timings.launcherSeconds ?? "n/a"} s)`,
  ].join(", ") + (timings.rebuilt ? " — including a `next build`: the web app's files changed since the last build" : "");
}

export default async function globalSetup(): Promise<(() => Promise<void>) | undefined> {
  if (process.env.E2E_BASE_URL) {
    log(`using the running system at ${process.env.E2E_BASE_URL} (E2E_BASE_URL is set)`);
    return undefined;
  }
  log("starting Hangar with the launcher (node --import tsx scripts/up.ts)...");
  // One trusted proxy, so a spec may name its client address in X-Forwarded-For: the security
  // suite's deliberate bad-token calls each come from an address of their own instead of pushing
  // 127.0.0.1 into the per-address token throttle for the specs after it. Requests that send no
  // X-Forwarded-For are still 127.0.0.1 (Next fills the header from the socket).
  process.env.HANGAR_TRUSTED_PROXIES ??= "1";
  const system = await launchSystem({ log });
  process.env.E2E_BASE_URL = system.baseUrl;
  process.env.E2E_DATABASE_URL = system.databaseUrl;
  // The specs sign in as the demo users with the password this launch gave them.
  process.env.HANGAR_DEMO_PASSWORD = system.demoPassword;
  process.env.E2E_METRICS_TOKEN = system.metricsToken;
  // The launched system's combined log (web, worker, sandbox), for specs that read what it wrote.
  process.env.E2E_LOG_FILE = system.logFile;
  // The sandbox's control API (fault injection) for specs that need the cloud to misbehave.
  process.env.E2E_SANDBOX_URL = `http://127.0.0.1:${system.ports.sandbox}`;
  log(`Hangar is up at ${system.baseUrl}; ${describeTimings(system.timings)}`);
  await writeFile(LAUNCH_REPORT, JSON.stringify({ baseUrl: system.baseUrl, at: new Date().toISOString(), ...system.timings }, null, 2));

  return async () => {
    const stopping = Date.now();
    await system.stop();
    log(`Hangar stopped cleanly in ${seconds(Date.now() - stopping)}; no process left behind, data folder removed`);
  };
}
