// `npm test`: the one test command (scripts/bootstrap.mjs installs dependencies and generates
// the Prisma client first). Runs these stages in order and stops at the first failure:
//
//   typecheck    tsc --noEmit over the whole repo (tests included)
//   lint         ESLint with type information (eslint.config.mjs), no warnings allowed
//   depcruise    architecture rules (.dependency-cruiser.cjs)
//   unit         vitest, project `unit`         } one vitest run when both are selected; Postgres
//   integration  vitest, project `integration`  } and Redis are embedded unless DATABASE_URL/REDIS_URL
//   reliability  vitest, project `reliability`: workers killed, Redis flushed, Postgres restarted,
//                a partition, cancel at every boundary (its own servers, one file at a time)
//   build        next build (stamped, so the launcher in e2e does not build again)
//   e2e          Playwright, projects `api` and `ui`, against the system started by the launcher
//
// Options (after `npm test --`):
//   --only a,b     run only these stages          npm test -- --only unit
//   --skip a,b     run all but these              npm test -- --skip e2e,build
//   --list         print the stages and exit
//   -- ARGS        extra arguments for the tool of the last selected stage (vitest or playwright):
//                  npm test -- --only e2e -- --project api
//                  npm test -- --only unit -- lib/cloud
//
// Needs Node 20, redis-server on PATH (unless REDIS_URL is set) and Chromium at /usr/bin/chromium
// (or E2E_CHROMIUM_PATH) for the ui project; nothing else (Postgres is embedded). A missing
// Chromium is installed with apt-get on Debian/Ubuntu as root or with passwordless sudo;
// elsewhere the command to run is printed and npm test exits 1 (services/chromium-install.ts).
// The last line is the count of tests run: "N passed, N failed, N skipped".
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ensureChromium } from "./services/chromium-install";
import { buildWeb } from "./services/next-build";
import { hasRedisServer, REDIS_MISSING_MESSAGE } from "./services/redis-server";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const reportDir = path.join(root, ".hangar/test-report");
const launchReport = path.join(root, ".hangar/e2e-last-launch.json");
const chromium = process.env.E2E_CHROMIUM_PATH ?? "/usr/bin/chromium";

const STAGES = ["typecheck", "lint", "depcruise", "unit", "integration", "reliability", "build", "e2e"] as const;
type StageName = (typeof STAGES)[number];
type Counts = { passed: number; failed: number; skipped: number };
type Step = { label: string; run: (extra: string[]) => Promise<Counts | null> };
type Outcome = { label: string; status: "passed" | "failed" | "not run"; ms: number; counts: Counts | null };

const bin = {
  tsc: "node_modules/typescript/bin/tsc",
  eslint: "node_modules/eslint/bin/eslint.js",
  vitest: "node_modules/vitest/vitest.mjs",
  playwright: "node_modules/@playwright/test/cli.js",
};

function parseArgs(argv: string[]): { stages: StageName[]; extra: string[]; list: boolean } {
  const dashDash = argv.indexOf("--");
  const own = dashDash === -1 ? argv : argv.slice(0, dashDash);
  const extra = dashDash === -1 ? [] : argv.slice(dashDash + 1);
  const names = (value: string | undefined, flag: string): StageName[] => {
    const list = (value ?? "").split(",").map((s) => s.trim()).filter(Boolean);
    const unknown = list.filter((s) => !(STAGES as readonly string[]).includes(s));
    if (list.length === 0 || unknown.length > 0) fail(`${flag} takes stage names separated by commas (${STAGES.join(", ")}); got '${value ?? ""}'`);
    return list as StageName[];
  };
  let only: StageName[] | undefined;
  let skip: StageName[] = [];
  let list = false;
  for (let i = 0; i < own.length; i++) {
    const arg = own[i]!;
    const [flag, inline] = arg.split("=", 2) as [string, string | undefined];
    if (flag === "--only") only = names(inline ?? own[++i], "--only");
    else if (flag === "--skip") skip = names(inline ?? own[++i], "--skip");
    else if (arg === "--list") list = true;
    else fail(`unknown option ${arg} (see the header of scripts/test.ts)`);
  }
  const stages = STAGES.filter((s) => (only ? only.includes(s) : true) && !skip.includes(s));
  if (stages.length === 0) fail("no stage selected");
  return { stages, extra, list };
}

function fail(message: string): never {
  process.stderr.write(`npm test: ${message}\n`);
  process.exit(2);
}

let current: ReturnType<typeof spawn> | undefined;
let interrupted = false;

/** Runs a tool from node_modules (or one of our .ts scripts, under tsx) with this Node. */
function runTool(script: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const loader = script.endsWith(".ts") ? ["--import", "tsx"] : [];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...loader, path.join(root, script), ...args], { cwd: root, stdio: "inherit", env });
    current = child;
    child.once("exit", (code, signal) => {
      current = undefined;
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

function mustPass(code: number, what: string, counts: Counts | null = null): void {
  if (code !== 0) throw new StageFailed(`${what} exited with code ${code}`, counts);
  // A runner's exit code alone is not trusted: a failed test fails the stage (vitest once exited
  // 0 with a failed reliability test).
  if (counts && counts.failed > 0) throw new StageFailed(`${what} reported ${counts.failed} failed test(s)`, counts);
}

class StageFailed extends Error {
  constructor(
    message: string,
    readonly counts: Counts | null = null,
  ) {
    super(message);
  }
}

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as T;
  } catch {
    return undefined;
  }
}

function vitestStep(projects: StageName[]): Step {
  const file = path.join(reportDir, `vitest-${projects.join("-")}.json`);
  return {
    label: projects.join("+"),
    run: async (extra) => {
      const args = ["run", ...projects.flatMap((p) => ["--project", p]), "--reporter=default", "--reporter=json", `--outputFile.json=${file}`, ...extra];
      const code = await runTool(bin.vitest, args);
      const report = readJson<{ numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number; numTotalTests: number }>(file);
      const counts = report ? { passed: report.numPassedTests, failed: report.numFailedTests, skipped: report.numPendingTests + report.numTodoTests } : null;
      mustPass(code, "vitest", counts);
      if (counts && counts.passed === 0) throw new StageFailed("vitest ran no test", counts);
      return counts;
    },
  };
}

const steps: Record<Exclude<StageName, "unit" | "integration" | "reliability">, Step> = {
  typecheck: {
    label: "typecheck",
    run: async () => (mustPass(await runTool(bin.tsc, ["--noEmit", "-p", "tsconfig.json"]), "tsc"), null),
  },
  lint: {
    label: "lint",
    run: async () => (mustPass(await runTool(bin.eslint, [".", "--max-warnings", "0"]), "eslint"), null),
  },
  depcruise: {
    label: "depcruise",
    run: async () => (mustPass(await runTool("scripts/depcruise.ts", []), "dependency-cruiser"), null),
  },
  build: {
    label: "build",
    run: async () => {
      // vitest leaves NODE_ENV=test behind in some shells; next build wants it unset or production.
      const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== "NODE_ENV"));
      try {
        buildWeb(root, { env });
      } catch (error) {
        throw new StageFailed(error instanceof Error ? error.message : String(error));
      }
      return null;
    },
  },
  e2e: {
    label: "e2e",
    run: async (extra) => {
      const file = path.join(reportDir, "playwright.json");
      const env = { ...process.env, PLAYWRIGHT_JSON_OUTPUT_FILE: file };
      const code = await runTool(bin.playwright, ["test", "--reporter=list,json", ...extra], env);
      type Stats = { stats?: { expected: number; unexpected: number; flaky: number; skipped: number } };
      const stats = readJson<Stats>(file)?.stats;
      const counts = stats ? { passed: stats.expected + stats.flaky, failed: stats.unexpected, skipped: stats.skipped } : null;
      mustPass(code, "playwright", counts);
      if (counts && counts.passed === 0) throw new StageFailed("playwright ran no test", counts);
      return counts;
    },
  },
};

function plan(stages: StageName[]): Step[] {
  const planned: Step[] = [];
  const tests = stages.filter((s): s is "unit" | "integration" => s === "unit" || s === "integration");
  for (const stage of stages) {
    if (stage === "unit" || stage === "integration") {
      if (stage === tests[0]) planned.push(vitestStep(tests));
    } else if (stage === "reliability") {
      planned.push(vitestStep(["reliability"]));
    } else {
      planned.push(steps[stage]);
    }
  }
  return planned;
}

/** Playwright projects named in the extra args (`--project api`), or all when none is. */
function e2eProjects(extra: string[]): string[] {
  const named = extra.flatMap((arg, i) => (arg === "--project" ? [extra[i + 1] ?? ""] : arg.startsWith("--project=") ? [arg.slice(10)] : []));
  return named.length > 0 ? named : ["api", "ui"];
}

function preflight(stages: StageName[], extra: string[]): void {
  const problems: string[] = [];
  // The reliability suite always starts a redis-server of its own (it flushes and restarts it).
  const needsRedis = stages.includes("e2e") || stages.includes("reliability") || ((stages.includes("unit") || stages.includes("integration")) && !process.env.REDIS_URL);
  if (needsRedis && !hasRedisServer()) problems.push(REDIS_MISSING_MESSAGE);
  // Extra args reach e2e only when it is the last stage (see main).
  const needsBrowser = stages.includes("e2e") && (stages.at(-1) !== "e2e" || e2eProjects(extra).includes("ui"));
  if (problems.length > 0) fail(`missing on this machine:\n${problems.join("\n")}`);
  if (needsBrowser) ensureChromium(chromium, Boolean(process.env.E2E_CHROMIUM_PATH), (line) => process.stdout.write(`npm test: ${line}\n`));
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function printSummary(outcomes: Outcome[], totalMs: number): void {
  const width = Math.max(...outcomes.map((o) => o.label.length), 10);
  const lines = ["", "── npm test ─────────────────────────────────────────────"];
  for (const o of outcomes) {
    const mark = o.status === "passed" ? "✓" : o.status === "failed" ? "✗" : "-";
    const counts = o.counts ? `  ${o.counts.passed} passed, ${o.counts.failed} failed, ${o.counts.skipped} skipped` : "";
    const time = o.status === "not run" ? "not run" : seconds(o.ms);
    lines.push(`  ${mark} ${o.label.padEnd(width)}  ${time.padStart(8)}${counts}`);
  }
  lines.push(`    ${"total".padEnd(width)}  ${seconds(totalMs).padStart(8)}`);
  type Launch = { healthyMs: number; dashboardMs: number | null; rebuilt: boolean; at: string };
  const launch = outcomes.some((o) => o.label === "e2e" && o.status !== "not run") ? readJson<Launch>(launchReport) : undefined;
  if (launch && Date.now() - Date.parse(launch.at) < totalMs + 60_000) {
    const rebuilt = launch.rebuilt ? "; it rebuilt the web app because files changed after the build stage" : "";
    lines.push(`  launcher (e2e): time from command 1 to dashboard ${seconds(launch.dashboardMs ?? launch.healthyMs)} (to /api/health 200: ${seconds(launch.healthyMs)}${rebuilt})`);
  }
  const failedStage = outcomes.find((o) => o.status === "failed");
  const totals = outcomes.reduce((sum, o) => ({ passed: sum.passed + (o.counts?.passed ?? 0), failed: sum.failed + (o.counts?.failed ?? 0), skipped: sum.skipped + (o.counts?.skipped ?? 0) }), { passed: 0, failed: 0, skipped: 0 });
  lines.push("");
  if (failedStage) lines.push(`npm test FAILED at ${failedStage.label}${interrupted ? " (interrupted)" : ""}`);
  const ranTests = outcomes.some((o) => o.counts);
  if (ranTests && (!failedStage || failedStage.counts)) lines.push(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  process.stdout.write(`${lines.join("\n")}\n`);
}

async function main(): Promise<void> {
  const { stages, extra, list } = parseArgs(process.argv.slice(2));
  if (list) {
    process.stdout.write(`${STAGES.join("\n")}\n`);
    return;
  }
  const planned = plan(stages);
  preflight(stages, extra);
  await rm(reportDir, { recursive: true, force: true });
  await mkdir(reportDir, { recursive: true });

  process.on("SIGINT", () => (interrupted = true)); // the terminal sends it to the tool too
  process.on("SIGTERM", () => {
    interrupted = true;
    current?.kill("SIGTERM");
  });

  const outcomes: Outcome[] = planned.map((step) => ({ label: step.label, status: "not run", ms: 0, counts: null }));
  const startedAt = Date.now();
  process.stdout.write(`npm test: ${planned.map((s) => s.label).join(" → ")}\n`);
  for (const [index, step] of planned.entries()) {
    const outcome = outcomes[index]!;
    process.stdout.write(`\n▶ ${step.label}\n`);
    const stepStart = Date.now();
    try {
      // Extra args go to the last step (the tool the caller most likely meant).
      outcome.counts = await step.run(index === planned.length - 1 ? extra : []);
      outcome.status = interrupted ? "failed" : "passed";
    } catch (error) {
      outcome.status = "failed";
      if (error instanceof StageFailed) outcome.counts = error.counts;
      process.stderr.write(`\n✗ ${step.label}: ${error instanceof Error ? error.message : String(error)}\n`);
    }
    outcome.ms = Date.now() - stepStart;
    if (outcome.status === "failed") break;
  }
  printSummary(outcomes, Date.now() - startedAt);
  if (outcomes.some((o) => o.status === "failed")) process.exit(interrupted ? 130 : 1);
}

await main();
