// Starts the whole system the way a user does — the launcher, scripts/up.ts — with its own data
// folder and free ports, measures how long it takes to serve, and stops it with Ctrl-C (SIGINT),
// then proves nothing it started is left behind.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import readline from "node:readline";
import { setTimeout as sleep } from "node:timers/promises";
import { freePort, isPortFree } from "../../scripts/services/free-port";

export type LaunchTimings = {
  /** Launch until GET /api/health answered 200. */
  healthyMs: number;
  /** Launch until the launcher printed "Hangar is up". */
  upLineMs: number | null;
  /** Launch until the first page a person sees (/ → sign-in) rendered with 200. */
  dashboardMs: number | null;
  /** The launcher's own figure ("Hangar is up in N s"). */
  launcherSeconds: number | null;
  /** The launcher ran `next build` (its inputs changed since the last build). */
  rebuilt: boolean;
};

export type LaunchedSystem = {
  runId: string;
  baseUrl: string;
  databaseUrl: string;
  /** The demo users' password this launch set (HANGAR_DEMO_PASSWORD), never a published one. */
  demoPassword: string;
  /** HANGAR_METRICS_TOKEN of this launch. */
  metricsToken: string;
  dataDir: string;
  logFile: string;
  ports: { web: number; sandbox: number; postgres: number; redis: number };
  timings: LaunchTimings;
  stop: () => Promise<void>;
};

const root = path.resolve(import.meta.dirname, "../..");
const STARTUP_TIMEOUT_MS = 240_000; // includes a `next build` when the launcher finds the build stale
const STOP_TIMEOUT_MS = 60_000;

/** Variables that would point the launcher at shared infrastructure or reuse secrets. */
const NOT_INHERITED = ["DATABASE_URL", "REDIS_URL", "NEXTAUTH_SECRET", "NEXTAUTH_URL", "HANGAR_ENCRYPTION_KEY", "HANGAR_URL", "HANGAR_REDIS_PREFIX", "NODE_ENV", "HOST"];

async function distinctFreePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await freePort());
  return [...ports];
}

export async function launchSystem(options: { log: (line: string) => void }): Promise<LaunchedSystem> {
  const runId = `${Date.now().toString(36)}-${randomBytes(3).toString("hex")}`;
  const relativeDataDir = `.hangar/e2e-${runId}`;
  const dataDir = path.join(root, relativeDataDir);
  const logFile = path.join(root, `.hangar/e2e-${runId}.log`);
  const [web, sandbox, postgres, redis] = (await distinctFreePorts(4)) as [number, number, number, number];
  const baseUrl = `http://127.0.0.1:${web}`;
  // The test launcher passes its own password and metrics token, as an operator would.
  const demoPassword = `e2e-demo-${randomBytes(12).toString("base64url")}`;
  const metricsToken = randomBytes(24).toString("hex");

  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of NOT_INHERITED) delete env[name];
  Object.assign(env, {
    HANGAR_DATA_DIR: relativeDataDir,
    PORT: String(web),
    SANDBOX_PORT: String(sandbox),
    HANGAR_EMBEDDED_PG_PORT: String(postgres),
    HANGAR_EMBEDDED_REDIS_PORT: String(redis),
    SANDBOX_ENABLED: "true",
    SANDBOX_TIMINGS: "fast",
    SANDBOX_LIMITS: "aws",
    HANGAR_SEED_DEMO: "true",
    HANGAR_DEMO_PASSWORD: demoPassword,
    HANGAR_METRICS_TOKEN: metricsToken,
    HANGAR_URL: baseUrl,
    NEXTAUTH_URL: baseUrl,
    // Every API answer in the suite is checked against its route's response schema.
    HANGAR_VALIDATE_RESPONSES: "true",
    // Every process the launcher starts inherits this: the orphan check looks for it.
    HANGAR_E2E_RUN: runId,
  });

  await mkdir(path.dirname(logFile), { recursive: true });
  const logStream = createWriteStream(logFile);
  const startedAt = Date.now();
  // Started as `npm start` starts it, in its own process group like a terminal's foreground job,
  // so stopping it with a group-wide SIGINT is exactly a Ctrl-C.
  const launcher = spawn(process.execPath, ["scripts/bootstrap.mjs", "up"], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  const exited = new Promise<number | null>((resolve) => launcher.once("exit", (code, signal) => resolve(code ?? (signal ? -1 : null))));
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));

  let upLineMs: number | null = null;
  let launcherSeconds: number | null = null;
  let rebuilt = false;
  const echo = process.env.E2E_VERBOSE === "1";
  for (const stream of [launcher.stdout, launcher.stderr]) {
    readline.createInterface({ input: stream }).on("line", (line) => {
      logStream.write(`${line}\n`);
      if (echo) options.log(line);
      if (line.includes("Building the web app")) rebuilt = true;
      const up = /Hangar is up in ([\d.]+) s/.exec(line);
      if (up && upLineMs === null) {
        upLineMs = Date.now() - startedAt;
        launcherSeconds = Number(up[1]);
      }
    });
  }

  const system: LaunchedSystem = {
    runId,
    baseUrl,
    // Known once the launcher has written the embedded Postgres' generated password.
    databaseUrl: "",
    demoPassword,
    metricsToken,
    dataDir,
    logFile,
    ports: { web, sandbox, postgres, redis },
    timings: { healthyMs: 0, upLineMs: null, dashboardMs: null, launcherSeconds: null, rebuilt: false },
    stop: () => stopSystem(system, launcher, exited, () => new Promise<void>((resolve) => logStream.end(resolve))),
  };

  try {
    const healthyAt = await waitUntil(STARTUP_TIMEOUT_MS, () => exitCode !== undefined, async () => (await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(2000) })).status === 200);
    system.timings.healthyMs = healthyAt - startedAt;
    const secrets = JSON.parse(await readFile(path.join(dataDir, "secrets.json"), "utf8")) as { postgresPassword: string };
    system.databaseUrl = `postgresql://postgres:${encodeURIComponent(secrets.postgresPassword)}@127.0.0.1:${postgres}/hangar`;
    system.timings.dashboardMs = await firstPageRendered(baseUrl).then((ok) => (ok ? Date.now() - startedAt : null));
    // The health answer and the "up" line race by a few milliseconds.
    await waitUntil(5000, () => exitCode !== undefined, async () => upLineMs !== null).catch(() => undefined);
    system.timings.upLineMs = upLineMs;
    system.timings.launcherSeconds = launcherSeconds;
    system.timings.rebuilt = rebuilt;
  } catch (error) {
    const tail = await readFile(logFile, "utf8").then((text) => text.split("\n").slice(-60).join("\n")).catch(() => "");
    await system.stop().catch(() => undefined);
    throw new Error(`The launcher did not bring Hangar up (${error instanceof Error ? error.message : String(error)}). Last lines of ${path.relative(root, logFile)}:\n${tail}`);
  }
  return system;
}

/** Polls until `check` is true; returns the time it became true (epoch ms). */
async function waitUntil(timeoutMs: number, gaveUp: () => boolean, check: () => Promise<boolean>): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (gaveUp()) throw new Error("the launcher exited");
    if (await check().catch(() => false)) return Date.now();
    await sleep(100);
  }
  throw new Error(`timed out after ${Math.round(timeoutMs / 1000)} s`);
}

/** What a person sees first: `/` redirects to the sign-in page. True when it renders (200 HTML). */
async function firstPageRendered(baseUrl: string): Promise<boolean> {
  try {
    const response = await fetch(`${baseUrl}/`, { redirect: "follow", signal: AbortSignal.timeout(15_000) });
    return response.ok && (response.headers.get("content-type") ?? "").includes("text/html");
  } catch {
    return false;
  }
}

async function stopSystem(system: LaunchedSystem, launcher: ChildProcess, exited: Promise<number | null>, closeLog: () => Promise<void>): Promise<void> {
  const problems: string[] = [];
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-launcher.pid!, signal);
    } catch {
      // the group is gone already
    }
  };
  if (launcher.exitCode === null && launcher.signalCode === null) signalGroup("SIGINT"); // Ctrl-C
  const code = await Promise.race([exited, sleep(STOP_TIMEOUT_MS).then(() => "timeout" as const)]);
  if (code === "timeout") {
    signalGroup("SIGKILL");
    problems.push(`the launcher did not exit within ${STOP_TIMEOUT_MS / 1000} s of Ctrl-C`);
  } else if (code !== 0) {
    problems.push(`the launcher exited with code ${code} after Ctrl-C (expected 0)`);
  }
  await closeLog();
  // Graceful, not killed at the end of its grace period: the worker finished or released its jobs.
  const log = await readFile(system.logFile, "utf8").catch(() => "");
  if (!/\[worker\].*worker stopped/.test(log)) problems.push("the worker did not report a graceful stop");

  // Postgres may take a moment after the launcher's exit to release its port.
  const orphans = await waitForNoOrphans(system.runId, 5000);
  if (orphans.length > 0) {
    problems.push(`processes left running: ${orphans.map((o) => `${o.pid} ${o.command}`).join("; ")}`);
    for (const orphan of orphans) {
      try {
        process.kill(orphan.pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
  }
  for (const [name, port] of Object.entries(system.ports)) {
    if (!(await isPortFree(port))) problems.push(`port ${port} (${name}) is still taken`);
  }

  if (problems.length > 0) {
    throw new Error(`Hangar did not stop cleanly: ${problems.join("; ")}. Log kept: ${path.relative(root, system.logFile)}, data kept: ${path.relative(root, system.dataDir)}`);
  }
  await rm(system.dataDir, { recursive: true, force: true });
  await rm(system.logFile, { force: true });
}

type Orphan = { pid: number; command: string };

/** Processes (other than this one) carrying the run's marker variable. Linux only (/proc). */
function processesOfRun(runId: string): Orphan[] {
  if (!existsSync("/proc")) return [];
  const marker = `HANGAR_E2E_RUN=${runId}`;
  const found: Orphan[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const environ = readFileSync(`/proc/${entry}/environ`, "utf8");
      if (!environ.split("\0").includes(marker)) continue;
      const command = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0").join(" ").trim().slice(0, 160);
      found.push({ pid: Number(entry), command });
    } catch {
      // exited meanwhile, or not ours to read
    }
  }
  return found;
}

async function waitForNoOrphans(runId: string, timeoutMs: number): Promise<Orphan[]> {
  const deadline = Date.now() + timeoutMs;
  let orphans = processesOfRun(runId);
  while (orphans.length > 0 && Date.now() < deadline) {
    await sleep(200);
    orphans = processesOfRun(runId);
  }
  return orphans;
}
