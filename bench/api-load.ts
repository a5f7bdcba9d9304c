// The REST API under a steady load (issue 10): a fixed 200 requests/s of mixed reads and writes
// for 60 s, sent open-loop (each request leaves at its scheduled time whether or not earlier
// ones answered, and its latency counts from that time, so a stall is not hidden by the client
// waiting), authenticated with an API token, against the whole system started the way
// `npm start` starts it (launcher, embedded Postgres and Redis, sandbox cloud, web + worker).
//
//   node --import tsx bench/api-load.ts                  # 200 req/s for 60 s
//   node --import tsx bench/api-load.ts --rate 100 --seconds 20
//
// Mix per 100 requests: 30 environment lists (first page, search, cursor page), 20 single
// environments, 15 catalog, 10 /me, 10 deployment history, 5 token lists, 4 token create +
// 4 revoke, 2 environment requests (one- and two-group templates alternately, later destroyed).
// Goals: p95 ≤ 30 ms, p99 ≤ 80 ms, 0 errors. 127.0.0.1 only; bounded (a 10-minute limit).
// Writes bench/reports/api-load-<time>.{md,json}.
import os from "node:os";
import { parseArgs } from "node:util";
import { launchSystem } from "../e2e/support/launched-system";
import { createPrismaClient } from "../lib/db/client";
import { createApiToken } from "../lib/identity/api-tokens";
import { loadCaller } from "../lib/identity/caller";
import { mixedShape } from "../scripts/services/environment-mix";
import { writeBenchReport } from "./lib/report";
import { ms, summarize, type Summary } from "./lib/stats";
import { requestPlan, type Kind } from "./scenarios/api-mix";

const { values } = parseArgs({ options: { rate: { type: "string", default: "200" }, seconds: { type: "string", default: "60" }, warmup: { type: "string", default: "5" } } });
const RATE = Number(values.rate);
const SECONDS = Number(values.seconds);
const WARMUP = Number(values.warmup);
const LIMIT_MS = 10 * 60_000;
setTimeout(() => {
  console.error("api-load bench: over 10 min, stopping");
  process.exit(2);
}, LIMIT_MS).unref();

type Sample = { kind: Kind; ms: number; status: number; ok: boolean; failure?: string };

const system = await launchSystem({ log: (line) => console.log(line) });
const db = createPrismaClient(system.databaseUrl, { max: 4 });
try {
  const developer = await db.user.findUniqueOrThrow({ where: { email: "dev@hangar.local" } });
  const caller = (await loadCaller(db, developer.id))!;
  const { token } = await createApiToken(db, caller, { name: "api-load bench", scope: "admin", expiresInDays: 1 });
  const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  const base = system.baseUrl;

  const call = async (method: string, url: string, body?: unknown): Promise<{ status: number; json: unknown }> => {
    const response = await fetch(`${base}${url}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    return { status: response.status, json: text ? (JSON.parse(text) as unknown) : null };
  };

  // Something to read: a few environments of both shapes, and a cursor to a second page.
  const seeded: string[] = [];
  for (let i = 0; i < 6; i += 1) {
    const shape = mixedShape(i);
    const created = await call("POST", "/api/v1/environments", { name: `load-seed-${i}-${Date.now().toString(36)}`, template: shape.template, parameters: shape.parameters, ttl: "8h" });
    if (created.status !== 201) throw new Error(`seeding failed: ${created.status} ${JSON.stringify(created.json)}`);
    seeded.push((created.json as { id: string }).id);
  }
  const firstPage = await call("GET", "/api/v1/environments?limit=2");
  const cursor = (firstPage.json as { nextCursor?: string | null }).nextCursor ?? null;

  const plan = requestPlan({ environmentIds: seeded, cursor, call });
  const samples: Sample[] = [];
  const created: string[] = [];
  const total = RATE * (WARMUP + SECONDS);
  const interval = 1000 / RATE;
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  let maxInFlight = 0;
  let active = 0;
  for (let i = 0; i < total; i += 1) {
    const due = started + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const step = plan(i);
    active += 1;
    maxInFlight = Math.max(maxInFlight, active);
    inFlight.push(
      step
        .run()
        .then((result) => {
          if (result.createdEnvironment) created.push(result.createdEnvironment);
          if (i >= RATE * WARMUP) samples.push({ kind: step.kind, ms: performance.now() - due, status: result.status, ok: result.ok });
        })
        .catch((error: unknown) => {
          const failure = error instanceof Error ? `${error.message}${error.cause instanceof Error ? `: ${error.cause.message}` : ""}` : String(error);
          if (i >= RATE * WARMUP) samples.push({ kind: step.kind, ms: performance.now() - due, status: 0, ok: false, failure });
        })
        .finally(() => (active -= 1)),
    );
  }
  await Promise.all(inFlight);
  const elapsed = (performance.now() - started) / 1000;

  // Clean up what the load created.
  for (const id of [...created, ...seeded]) await call("DELETE", `/api/v1/environments/${id}`);

  const overall = summarize(samples.map((s) => s.ms));
  const kinds = [...new Set(samples.map((s) => s.kind))];
  const byKind = Object.fromEntries(kinds.map((kind) => [kind, summarize(samples.filter((s) => s.kind === kind).map((s) => s.ms))])) as Record<string, Summary>;
  const errors = samples.filter((s) => !s.ok);
  const achieved = samples.length / SECONDS;
  const goals = { p95: overall.p95 <= 30, p99: overall.p99 <= 80, errors: errors.length === 0 };

  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const machine = `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}`;
  const lines = [
    `# API load: ${RATE} requests/s for ${SECONDS} s (${stamp})`,
    "",
    `Machine: ${machine}. System started as \`npm start\` starts it (launcher, embedded Postgres and Redis, sandbox, web + worker), Bearer token, open-loop schedule.`,
    "",
    `Measured ${samples.length} requests after a ${WARMUP} s warm-up (${achieved.toFixed(1)} req/s; the run took ${elapsed.toFixed(1)} s; at most ${maxInFlight} in flight).`,
    "",
    `| | p50 | p95 | p99 | max | count |`,
    `|---|---|---|---|---|---|`,
    `| **all** | ${ms(overall.p50)} | ${ms(overall.p95)} | ${ms(overall.p99)} | ${ms(overall.max)} | ${overall.count} |`,
    ...kinds.map((kind) => `| ${kind} | ${ms(byKind[kind]!.p50)} | ${ms(byKind[kind]!.p95)} | ${ms(byKind[kind]!.p99)} | ${ms(byKind[kind]!.max)} | ${byKind[kind]!.count} |`),
    "",
    `Errors: ${errors.length}${errors.length ? ` (${[...new Set(errors.map((e) => `${e.kind} ${e.status}${e.failure ? ` ${e.failure}` : ""}`))].slice(0, 8).join("; ")})` : ""}.`,
    "",
    `Goals: p95 ≤ 30 ms ${goals.p95 ? "met" : "missed"}, p99 ≤ 80 ms ${goals.p99 ? "met" : "missed"}, 0 errors ${goals.errors ? "met" : "missed"}.`,
  ];
  await writeBenchReport(`api-load-${stamp}`, lines, { rate: RATE, seconds: SECONDS, machine, overall, byKind, errors: errors.length, achieved, maxInFlight, goals });
} finally {
  await db.$disconnect();
  await system.stop();
}
