// Deploy history at 100k deployments (issue 9): the history list's lib/ call (first page, deep
// pages by cursor, filtered by service, environment and result, searched), the DORA metrics'
// lib/ call, and the pages' time to first byte from the built web app, all against a fresh
// database this benchmark creates, seeds (bench/scenarios/history-seed.ts) and drops.
//
//   node --import tsx bench/deploy-history.ts                    # 100k deployments, ≈ 2 min
//   node --import tsx bench/deploy-history.ts --deployments 20000 --samples 50 --skip-page
//   node --import tsx bench/deploy-history.ts --try-dora-index   # also with a covering index (a proposal)
//
// Postgres: DATABASE_URL's server, or an embedded one; Redis (the web app's): REDIS_URL, or a
// redis-server child. 127.0.0.1 only. The page part serves the current `.next` build (`next
// build` first; on a shared checkout hold /tmp/hangar-e2e.lock so no build replaces it meanwhile).
// Bounded: fixed sample counts and a 20-minute limit. Writes bench/reports/history-<time>.{md,json}.
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import pg from "pg";
import { createPrismaClient } from "../lib/db/client";
import { doraMetricsQuerySchema, type DoraWindow } from "../lib/deployments/dora-bands";
import { getDoraMetrics } from "../lib/deployments/dora-metrics";
import { listDeploymentsSchema } from "../lib/deployments/history-schemas";
import { listDeployments } from "../lib/deployments/list-deployments";
import { loadCaller } from "../lib/identity/caller";
import { encodeCursor } from "../lib/pagination/keyset";
import { prepareDatabase } from "../scripts/prepare-database";
import { postgresServer, redisServer } from "../scripts/services/backing-services";
import { dropDatabase, ensureDatabase, withDatabase } from "../scripts/services/embedded-postgres";
import { webBuildIsFresh } from "../scripts/services/next-build";
import { writeBenchReport } from "./lib/report";
import { ms, summarize, type Summary } from "./lib/stats";
import { measurePages, type PageTiming } from "./scenarios/history-page";
import { seedHistory } from "./scenarios/history-seed";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { values } = parseArgs({
  options: {
    deployments: { type: "string", default: "100000" },
    services: { type: "string", default: "20" },
    environments: { type: "string", default: "50" },
    /** Per service: 20 services x 100 = 2,000 releases. */
    releases: { type: "string", default: "100" },
    days: { type: "string", default: "180" },
    samples: { type: "string", default: "200" },
    "page-samples": { type: "string", default: "50" },
    "skip-page": { type: "boolean", default: false },
    /** Also measure the DORA metrics with a covering index the schema does not have. */
    "try-dora-index": { type: "boolean", default: false },
  },
});
const n = (name: keyof typeof values) => Number(values[name]);
const LIMIT_MS = 20 * 60_000;
const limit = setTimeout(() => {
  console.error(`deploy-history bench: over ${LIMIT_MS / 60_000} min, stopping`);
  process.exit(2);
}, LIMIT_MS);
limit.unref();

const startedAt = new Date().toISOString();
const runId = randomBytes(4).toString("hex");
const dir = path.join(root, ".hangar/stacks", `history-${runId}`);
const cleanups: (() => Promise<unknown>)[] = [];
const log = (line: string) => console.log(line);
const PASSWORD = "bench-password";

/** Wall-clock latency of `samples` sequential calls, cycling through the inputs. */
async function timeCalls<I>(inputs: I[], samples: number, call: (input: I) => Promise<unknown>): Promise<Summary> {
  for (const input of inputs.slice(0, 3)) await call(input); // warm the pool and the plans
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const started = performance.now();
    await call(inputs[i % inputs.length]!);
    times.push(performance.now() - started);
  }
  return summarize(times);
}

async function main() {
  const postgres = await postgresServer(dir);
  cleanups.push(postgres.stop);
  const serverUrl = postgres.url;
  const database = `hangar_bench_history_${runId}`;
  await ensureDatabase(serverUrl, database);
  cleanups.push(() => dropDatabase(serverUrl, database));
  const databaseUrl = withDatabase(serverUrl, database);
  log(`database ${database}: migrating and seeding the demo...`);
  await prepareDatabase({ databaseUrl, seed: { password: PASSWORD, sandboxEndpoint: "http://127.0.0.1:9", encryptionKey: randomBytes(32).toString("base64") } });

  const seeded = await seedHistory(databaseUrl, { deployments: n("deployments"), services: n("services"), environments: n("environments"), releasesPerService: n("releases"), days: n("days") });
  log(`seeded ${seeded.deployments} deployments in ${(seeded.seedMs / 1000).toFixed(1)} s (ANALYZE ${Math.round(seeded.analyzeMs)} ms, table + indexes ${seeded.tableMb.toFixed(0)} MB)`);

  const db = createPrismaClient(databaseUrl, { max: 10 });
  cleanups.push(() => db.$disconnect());
  const developer = await db.user.findUniqueOrThrow({ where: { email: "dev@hangar.local" } });
  const caller = (await loadCaller(db, developer.id))!;
  const samples = n("samples");
  const pad = (i: number) => String(i).padStart(2, "0");
  const services = Array.from({ length: n("services") }, (_, i) => `bench-svc-${pad(i + 1)}`);
  const environments = Array.from({ length: Math.min(10, n("environments")) }, (_, i) => `bench-env-${pad(i * 5 + 1)}`);

  // Deep pages: cursors at rows 10%, 50% and 90% down the newest-first order.
  const raw = new pg.Client({ connectionString: databaseUrl });
  await raw.connect();
  const deep: string[] = [];
  for (const share of [0.1, 0.5, 0.9]) {
    const { rows } = await raw.query<{ at: Date; id: string }>(`SELECT "createdAt" AS at, id FROM "Deployment" ORDER BY "createdAt" DESC, id DESC OFFSET $1 LIMIT 1`, [Math.floor(seeded.deployments * share)]);
    const row = rows[0]!;
    // pg reads timestamp (without zone) in local time; Hangar stores UTC.
    const iso = new Date(row.at.getTime() - row.at.getTimezoneOffset() * 60_000).toISOString();
    deep.push(encodeCursor({ direction: "after", key: [iso, row.id] }));
  }
  await raw.end();

  const list = (query: Record<string, string>) => listDeploymentsSchema.parse(query);
  const history: [string, Summary][] = [];
  const historyCases: [string, ReturnType<typeof list>[]][] = [
    ["first page (25 newest of the team)", [list({})]],
    ["deep page by cursor (rows 10k / 50k / 90k)", deep.map((cursor) => list({ cursor }))],
    ["by service", services.map((service) => list({ service }))],
    ["by environment", environments.map((environment) => list({ environment }))],
    ["by result (failed, rolled_back)", [list({ result: "failed,rolled_back" })]],
    ["by service and result", services.map((service) => list({ service, result: "failed" }))],
    ["search (service name, version, environment)", ["svc-13", "1.42", "env-07", "dev@"].map((q) => list({ q }))],
  ];
  log(`history list (lib/deployments/list-deployments.ts), ${samples} calls each:`);
  for (const [name, inputs] of historyCases) {
    const summary = await timeCalls(inputs, samples, (input) => listDeployments(db, caller, input));
    history.push([name, summary]);
    log(`  ${name}: p50 ${ms(summary.p50)}, p95 ${ms(summary.p95)}`);
  }
  const firstPage = await listDeployments(db, caller, list({}));
  const pageTwo = firstPage.nextCursor ? await timeCalls([list({ cursor: firstPage.nextCursor })], samples, (input) => listDeployments(db, caller, input)) : null;
  if (pageTwo) history.push(["next page (the first page's nextCursor)", pageTwo]);

  const dora: [string, Summary][] = [];
  log(`DORA metrics (lib/deployments/dora-metrics.ts), ${samples} calls each, cycling through ${services.length} services:`);
  for (const window of ["7d", "30d", "90d"] as DoraWindow[]) {
    const query = doraMetricsQuerySchema.parse({ window });
    const summary = await timeCalls(services, samples, (service) => getDoraMetrics(db, caller, { service, window: query.window }));
    dora.push([window, summary]);
    log(`  ${window}: p50 ${ms(summary.p50)}, p95 ${ms(summary.p95)}`);
  }

  // What an index that covers the metrics' columns would buy (not in the schema: a proposal).
  const doraIndexed: [string, Summary][] = [];
  if (values["try-dora-index"]) {
    await db.$executeRawUnsafe(`CREATE INDEX "bench_Deployment_service_finished" ON "Deployment" ("serviceId", "finishedAt") INCLUDE ("state", "environmentId", "releaseId")`);
    await db.$executeRawUnsafe(`VACUUM (ANALYZE) "Deployment"`);
    log("DORA metrics again with an index on (serviceId, finishedAt) INCLUDE (state, environmentId, releaseId):");
    for (const window of ["7d", "30d", "90d"] as DoraWindow[]) {
      const summary = await timeCalls(services, samples, (service) => getDoraMetrics(db, caller, { service, window }));
      doraIndexed.push([window, summary]);
      log(`  ${window}: p50 ${ms(summary.p50)}, p95 ${ms(summary.p95)}`);
    }
    await db.$executeRawUnsafe(`DROP INDEX "bench_Deployment_service_finished"`);
  }

  let pages: PageTiming[] = [];
  let pageNote = "skipped (--skip-page)";
  if (!values["skip-page"]) {
    if (!existsSync(path.join(root, ".next/BUILD_ID"))) {
      pageNote = "skipped: no `.next` build (run `next build` first)";
    } else {
      pageNote = webBuildIsFresh(root) ? "the current `.next` build (fresh for the sources)" : "the existing `.next` build (older than some sources: rebuild for exact figures)";
      const redis = await redisServer(dir);
      cleanups.push(redis.stop);
      const redisUrl = redis.url;
      log(`pages from next start (${pageNote}), ${n("page-samples")} loads each:`);
      // /services (a short list) is the baseline: what any signed-in page costs here.
      const paths = ["/services", "/deployments", "/deployments?service=bench-svc-07", "/deployments?result=failed,rolled_back", "/services/bench-svc-01", "/services/bench-svc-01?window=90d"];
      pages = await measurePages({ root, databaseUrl, redisUrl, email: "dev@hangar.local", password: PASSWORD, paths, samples: n("page-samples"), log });
    }
  }
  await writeReport({ seeded, history, dora, doraIndexed, pages, pageNote });
}

async function writeReport(result: { seeded: Awaited<ReturnType<typeof seedHistory>>; history: [string, Summary][]; dora: [string, Summary][]; doraIndexed: [string, Summary][]; pages: PageTiming[]; pageNote: string }) {
  const { seeded } = result;
  const row = (name: string, s: Summary) => `| ${name} | ${s.count} | ${ms(s.p50)} | **${ms(s.p95)}** | ${ms(s.p99)} | ${ms(s.max)} |`;
  const lines = [
    `# Deploy history benchmark (${startedAt})`,
    "",
    `Machine: ${os.cpus().length} cores, Node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" / ")} at the end.`,
    `Data: ${seeded.deployments} deployments of one team over ${seeded.days} days, ${seeded.services} services (half with a 3-stage pipeline), ${seeded.environments} environments, ${seeded.services * seeded.releasesPerService} releases; seeded in ${(seeded.seedMs / 1000).toFixed(1)} s, Deployment table + indexes ${seeded.tableMb.toFixed(0)} MB.`,
    "Latencies are wall-clock, one call at a time, through the lib/ function the route calls (Postgres included), as the developer of that team.",
    "",
    "## History list (goal p95 ≤ 50 ms)",
    "",
    "| query | n | p50 | p95 | p99 | max |",
    "|---|---|---|---|---|---|",
    ...result.history.map(([name, s]) => row(name, s)),
    "",
    "## DORA metrics of one service (cycling through all)",
    "",
    "| window | n | p50 | p95 | p99 | max |",
    "|---|---|---|---|---|---|",
    ...result.dora.map(([name, s]) => row(name, s)),
    ...result.doraIndexed.map(([name, s]) => row(`${name}, with (serviceId, finishedAt) INCLUDE (state, environmentId, releaseId)`, s)),
    "",
    `## Pages over HTTP (goal: /deployments TTFB p95 ≤ 100 ms)`,
    "",
    result.pages.length > 0 ? `Served by \`next start\` from ${result.pageNote}, signed in as the developer, one request at a time, new connection each. TTFB = until the response headers; the App Router streams the page, so "whole page" (until the last byte) is the figure that includes every query.` : `Not measured: ${result.pageNote}.`,
    "",
    ...(result.pages.length > 0
      ? [
          "| page | HTTP | n | TTFB p50 | TTFB p95 | whole page p50 | whole page p95 | bytes |",
          "|---|---|---|---|---|---|---|---|",
          ...result.pages.map((p) => `| \`${p.path}\` | ${p.status} | ${p.ttfb.count} | ${p.status === 200 ? `${ms(p.ttfb.p50)} | **${ms(p.ttfb.p95)}** | ${ms(p.total.p50)} | ${ms(p.total.p95)}` : "— | — | — | —"} | ${p.bytes} |`),
        ]
      : []),
  ];
  await writeBenchReport(`history-${startedAt.replace(/[:.]/g, "-")}`, lines, { startedAt, machine: { cpus: os.cpus().length, node: process.version }, settings: values, ...result });
}

let exitCode = 0;
try {
  await main();
} catch (error) {
  console.error(error);
  exitCode = 1;
} finally {
  for (const cleanup of cleanups.reverse()) await cleanup().catch((error: unknown) => console.error("cleanup failed:", error));
  await rm(dir, { recursive: true, force: true });
}
process.exit(exitCode);
