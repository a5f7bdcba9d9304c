// The environment list at 10,000 environments (issue 10): the list's lib/ call at the first page
// and at a deep page reached by walking the cursors (~page 400), with the OFFSET query it
// replaced as the baseline, the deep page's query plan (EXPLAIN of the statement Prisma sent), and
// the API route and the page over HTTP from the built web app, against a fresh database this
// benchmark creates, seeds (bench/scenarios/lists-seed.ts) and drops.
//
//   npm run bench:lists                                   # 10,000 environments, ≈ 2 min
//   npm run bench:lists -- --environments 2000 --samples 50 --skip-page
//
// Postgres: DATABASE_URL's server, or an embedded one; Redis (the web app's): REDIS_URL, or a
// redis-server child. 127.0.0.1 only. The HTTP part serves the current `.next` build (`next
// build` first; on a shared checkout hold /tmp/hangar-e2e.lock so no build replaces it meanwhile).
// Bounded: fixed sample counts and a 15-minute limit. Writes bench/reports/lists-<time>.{md,json}.
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { createPrismaClient, type Db } from "../lib/db/client";
import { listEnvironments } from "../lib/environments/list-environments";
import { listEnvironmentsSchema, type ListEnvironmentsInput } from "../lib/environments/schemas";
import { stateWhere } from "../lib/environments/state-filter";
import { loadCaller, type Caller } from "../lib/identity/caller";
import { teamIdsWith } from "../lib/identity/permissions";
import { prepareDatabase } from "../scripts/prepare-database";
import { postgresServer, redisServer } from "../scripts/services/backing-services";
import { dropDatabase, ensureDatabase, withDatabase } from "../scripts/services/embedded-postgres";
import { webBuildIsFresh } from "../scripts/services/next-build";
import { captureStatements, explainStatement, pageStatement, type PlanSummary } from "./lib/query-plans";
import { writeBenchReport } from "./lib/report";
import { ms, summarize, type Summary } from "./lib/stats";
import { measurePages, type PageTiming } from "./scenarios/history-page";
import { seedLists } from "./scenarios/lists-seed";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { values } = parseArgs({
  options: {
    environments: { type: "string", default: "10000" },
    teams: { type: "string", default: "4" },
    services: { type: "string", default: "200" },
    /** The page the deep cursor is walked to. */
    "deep-page": { type: "string", default: "400" },
    limit: { type: "string", default: "20" },
    samples: { type: "string", default: "200" },
    "page-samples": { type: "string", default: "50" },
    "skip-page": { type: "boolean", default: false },
  },
});
const n = (name: keyof typeof values) => Number(values[name]);
const LIMIT_MS = 15 * 60_000;
const limit = setTimeout(() => {
  console.error(`lists bench: over ${LIMIT_MS / 60_000} min, stopping`);
  process.exit(2);
}, LIMIT_MS);
limit.unref();

const startedAt = new Date().toISOString();
const runId = randomBytes(4).toString("hex");
const dir = path.join(root, ".hangar/stacks", `lists-${runId}`);
const cleanups: (() => Promise<unknown>)[] = [];
const log = (line: string) => console.log(line);
const PASSWORD = "bench-password";

type Case = { name: string; caller: Caller; input: ListEnvironmentsInput; page: number };
type Measured = { name: string; page: number; lib: Summary; offset: Summary | null; plan: PlanSummary };

async function timeCalls(samples: number, call: () => Promise<unknown>): Promise<Summary> {
  for (let i = 0; i < 3; i++) await call(); // warm the pool and the plans
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const started = performance.now();
    await call();
    times.push(performance.now() - started);
  }
  return summarize(times);
}

/** The cursor of page `target` (or of the last page, when there are fewer), walking Next from the first. */
async function walkTo(db: Db, caller: Caller, input: ListEnvironmentsInput, target: number): Promise<{ input: ListEnvironmentsInput; page: number; walkMs: number }> {
  const started = performance.now();
  let current = input;
  let page = 1;
  while (page < target) {
    const result = await listEnvironments(db, caller, current);
    if (!result.nextCursor) break;
    current = { ...input, cursor: result.nextCursor };
    page++;
  }
  return { input: current, page, walkMs: performance.now() - started };
}

/** What the list did before keyset pages: OFFSET (page - 1) * limit, and a full count. */
function offsetPage(db: Db, caller: Caller, input: ListEnvironmentsInput, page: number) {
  const where = { teamId: { in: teamIdsWith(caller, "environment:read") }, ...stateWhere(input.state) };
  return Promise.all([
    db.environment.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * input.limit,
      take: input.limit,
      include: {
        team: { select: { id: true, slug: true, name: true } },
        owner: { select: { id: true, name: true, email: true } },
        templateVersion: { select: { version: true, template: { select: { slug: true, name: true } } } },
        _count: { select: { instances: { where: { state: { not: "terminated" } } } } },
      },
    }),
    db.environment.count({ where }),
  ]);
}

async function main() {
  const postgres = await postgresServer(dir);
  cleanups.push(postgres.stop);
  const serverUrl = postgres.url;
  const database = `hangar_bench_lists_${runId}`;
  await ensureDatabase(serverUrl, database);
  cleanups.push(() => dropDatabase(serverUrl, database));
  const databaseUrl = withDatabase(serverUrl, database);
  log(`database ${database}: migrating and seeding the demo...`);
  await prepareDatabase({ databaseUrl, seed: { password: PASSWORD, sandboxEndpoint: "http://127.0.0.1:9", encryptionKey: randomBytes(32).toString("base64") } });
  const seeded = await seedLists(databaseUrl, { environments: n("environments"), teams: n("teams"), services: n("services") });
  log(`seeded ${seeded.environments} environments in ${seeded.teams} teams in ${(seeded.seedMs / 1000).toFixed(1)} s (ANALYZE ${Math.round(seeded.analyzeMs)} ms)`);

  const db = createPrismaClient(databaseUrl, { max: 10 });
  cleanups.push(() => db.$disconnect());
  const callerOf = async (email: string) => (await loadCaller(db, (await db.user.findUniqueOrThrow({ where: { email } })).id))!;
  const admin = await callerOf("admin@hangar.local");
  const developer = await callerOf("dev@hangar.local");
  const input = (query: Record<string, string>) => listEnvironmentsSchema.parse({ limit: String(n("limit")), ...query });

  const cases: Case[] = [];
  const walks: string[] = [];
  for (const [label, caller, query, target] of [
    ["admin, every team, all states", admin, { state: "all" }, n("deep-page")],
    ["admin, every team, active", admin, {}, n("deep-page")],
    ["developer, one team, active", developer, {}, n("deep-page")],
  ] as const) {
    const first = input(query);
    const deep = await walkTo(db, caller, first, target);
    walks.push(`${label}: page ${deep.page} reached in ${(deep.walkMs / 1000).toFixed(1)} s (${Math.round(deep.walkMs / Math.max(1, deep.page - 1))} ms a page)`);
    log(`  walked ${walks.at(-1)}`);
    cases.push({ name: `${label}: first page`, caller, input: first, page: 1 }, { name: `${label}: page ${deep.page}`, caller, input: deep.input, page: deep.page });
  }
  cases.push({ name: "admin, search \"env-12\": first page", caller: admin, input: input({ state: "all", search: "env-12" }), page: 1 });

  const samples = n("samples");
  const measured: Measured[] = [];
  log(`environment list (lib/environments/list-environments.ts), ${samples} calls each; OFFSET baseline ${Math.ceil(samples / 4)} calls:`);
  for (const item of cases) {
    const lib = await timeCalls(samples, () => listEnvironments(db, item.caller, item.input));
    const offset = item.input.search ? null : await timeCalls(Math.ceil(samples / 4), () => offsetPage(db, item.caller, item.input, item.page));
    const { statements } = await captureStatements(() => listEnvironments(db, item.caller, item.input));
    const plan = await explainStatement(databaseUrl, pageStatement(statements, "Environment"), "Environment");
    measured.push({ name: item.name, page: item.page, lib, offset, plan });
    log(`  ${item.name}: p50 ${ms(lib.p50)}, p95 ${ms(lib.p95)}${offset ? ` (OFFSET p50 ${ms(offset.p50)})` : ""}; ${plan.scans.join(", ")}${plan.sorts ? ", sorted" : ""}`);
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
      const deep = cases[1]!;
      const cursor = encodeURIComponent(deep.input.cursor ?? "");
      log(`API and page from next start (${pageNote}), ${n("page-samples")} loads each, as the admin (every team, all states):`);
      const paths = ["/api/v1/environments?state=all", `/api/v1/environments?state=all&cursor=${cursor}`, "/environments?state=all", `/environments?state=all&cursor=${cursor}`];
      pages = await measurePages({ root, databaseUrl, redisUrl, email: "admin@hangar.local", password: PASSWORD, paths, samples: n("page-samples"), log });
    }
  }
  await writeReport({ seeded, walks, measured, pages, pageNote });
  const firstAndDeep = measured.slice(0, 6);
  const ratios = [0, 2, 4].map((i) => firstAndDeep[i + 1]!.lib.p50 / firstAndDeep[i]!.lib.p50);
  // A search ("part of a name, an owner's email or a template's name") has no index to seek on.
  if (ratios.some((ratio) => ratio > 2) || measured.some((m) => m.plan.seqScan && !m.name.includes("search"))) {
    console.error(`goal missed: deep/first p50 ratios ${ratios.map((r) => r.toFixed(2)).join(", ")} (≤ 2), or a sequential scan of a page without a search`);
    process.exitCode = 3;
  }
}

async function writeReport(result: { seeded: Awaited<ReturnType<typeof seedLists>>; walks: string[]; measured: Measured[]; pages: PageTiming[]; pageNote: string }) {
  const { seeded } = result;
  const lines = [
    `# List benchmark (${startedAt})`,
    "",
    `Machine: ${os.cpus().length} cores, Node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" / ")} at the end.`,
    `Data: ${seeded.environments} environments in ${seeded.teams} teams (web-dev: one group, service-stack: two; about a third destroyed, the rest in every other state; two per creation time), ${seeded.services} services; seeded in ${(seeded.seedMs / 1000).toFixed(1)} s.`,
    "Latencies are wall-clock, one call at a time, through the lib/ function the route and the page call (Postgres included). The admin is in every team, the developer in one.",
    "",
    "## Environment list, first page and deep page by cursor (goal: deep page p50 within 2× of the first)",
    "",
    ...result.walks.map((walk) => `- Walked ${walk}.`),
    "",
    "| query | n | p50 | p95 | max | OFFSET p50 (before) | plan of the page's statement |",
    "|---|---|---|---|---|---|---|",
    ...result.measured.map(
      (m) => `| ${m.name} | ${m.lib.count} | ${ms(m.lib.p50)} | **${ms(m.lib.p95)}** | ${ms(m.lib.max)} | ${m.offset ? ms(m.offset.p50) : "—"} | ${m.plan.scans.join(", ")}${m.plan.sorts ? ", then sorted" : ""} |`,
    ),
    "",
    "## API and page over HTTP",
    "",
    result.pages.length > 0 ? `Served by \`next start\` from ${result.pageNote}, signed in as the admin, one request at a time, new connection each. The deep rows use the deep cursor above.` : `Not measured: ${result.pageNote}.`,
    "",
    ...(result.pages.length > 0
      ? [
          "| path | HTTP | n | TTFB p50 | TTFB p95 | whole p50 | whole p95 | bytes |",
          "|---|---|---|---|---|---|---|---|",
          ...result.pages.map((p) => `| \`${p.path.replace(/cursor=[^&]+/, "cursor=<page 400>")}\` | ${p.status} | ${p.ttfb.count} | ${p.status === 200 ? `${ms(p.ttfb.p50)} | ${ms(p.ttfb.p95)} | ${ms(p.total.p50)} | **${ms(p.total.p95)}**` : "— | — | — | —"} | ${p.bytes} |`),
        ]
      : []),
  ];
  await writeBenchReport(`lists-${startedAt.replace(/[:.]/g, "-")}`, lines, { startedAt, machine: { cpus: os.cpus().length, node: process.version }, settings: values, ...result });
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
process.exit(exitCode || Number(process.exitCode ?? 0));
