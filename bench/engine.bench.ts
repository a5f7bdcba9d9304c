// Run-engine benchmarks for issue 7: Postgres commits per environment lifecycle, how soon a dead
// worker's runs resume (many SIGKILLs), and recovery from Redis losing its data. Real processes
// (scripts/services/process-stack.ts), mixed one- and two-group environments; figures come from
// Postgres, Redis and the sandbox, nothing is estimated.
//
//   npm run bench:engine                              # all three, ≈ 15 min
//   npm run bench:engine -- --scenario commits --envs 40
//   npm run bench:engine -- --scenario kills --kills 50
//   npm run bench:engine -- --scenario redis-loss --trials 3
//
// Writes bench/reports/engine-<scenario>-<time>.{json,md} and prints the summary.
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { seconds } from "./lib/stats";
import { withStack } from "../scripts/services/process-stack";
import { commitsPerLifecycle } from "./scenarios/commits";
import { killResume } from "./scenarios/kill-resume";
import { redisLoss } from "./scenarios/redis-loss";

const { values } = parseArgs({
  options: {
    scenario: { type: "string", default: "all" },
    envs: { type: "string", default: "40" },
    kills: { type: "string", default: "50" },
    batch: { type: "string", default: "10" },
    trials: { type: "string", default: "3" },
    "redis-envs": { type: "string", default: "60" },
  },
});
const scenario = values.scenario;
const report: Record<string, unknown> = {
  startedAt: new Date().toISOString(),
  machine: { cpus: os.cpus().length, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
  settings: values,
};
const lines: string[] = [`# Run engine benchmark (${new Date().toISOString()})`, "", `Machine: ${os.cpus().length} cores, Node ${process.version}.`, ""];
const say = (line = "") => {
  console.log(line);
  lines.push(line);
};

async function commits(): Promise<void> {
  const count = Number(values.envs);
  say(`## Postgres commits per environment lifecycle (${count} environments, request → ready → destroyed)`);
  say("");
  say("| template | limits | commits/lifecycle (all transactions) | write transactions/lifecycle | wall |");
  say("|---|---|---|---|---|");
  const runs: { template: string; limits: "off" | "aws" }[] = [
    { template: "mix", limits: "off" },
    { template: "web-dev", limits: "off" },
    { template: "service-stack", limits: "off" },
    // EC2's limits on: launches beyond the burst park for the account's budget (a park and a resume each).
    { template: "mix", limits: "aws" },
  ];
  for (const { template, limits } of runs) {
    // Its own Postgres: transaction ids are counted server-wide.
    const settings = ["shared_preload_libraries=pg_stat_statements", "pg_stat_statements.track=all"];
    await withStack({ limits, timings: "realistic", workers: 1, concurrency: 50, postgres: "own", postgresSettings: settings }, async (stack) => {
      const r = await commitsPerLifecycle(stack, count, template);
      report[`commits.${template}.${limits}`] = r;
      say(`| ${template} | ${limits === "aws" ? "on" : "off"} | **${r.commitsPerLifecycle.toFixed(1)}** | ${r.writeTransactionsPerLifecycle.toFixed(1)} | ${seconds(r.wallMs)} |`);
    });
  }
  say("");
  say("Goal: ≤ 20 commits per lifecycle (58 before, issue 7). Counted by Postgres (pg_stat_database.xact_commit of the stack's database, and transaction ids assigned), the benchmark's own queries excluded; the API's request and destroy, every worker statement and the poller, relay and reconciler running meanwhile are included.");
  say("");
}

async function kills(): Promise<void> {
  const count = Number(values.kills);
  await withStack({ limits: "off", timings: "realistic", workers: 3, concurrency: 30, postgres: "own", redis: "own" }, async (stack) => {
    const r = await killResume(stack, { kills: count, batch: Number(values.batch) });
    report.kills = r;
    say(`## Resume after a worker's death (${r.kills} SIGKILLs, 3 workers, the victim restarted 3 s later)`);
    say("");
    say(`- Kills that interrupted runs: ${r.killsThatHitRuns} of ${r.kills}; runs interrupted: ${r.runsInterrupted}`);
    say(`- Resumed elsewhere after: p50 **${seconds(r.resumedMs.p50)}**, p95 **${seconds(r.resumedMs.p95)}**, max ${seconds(r.resumedMs.max)} (goal p95 ≤ 10 s; not resumed within 60 s: ${r.notResumedWithin60s})`);
    say(`- Environments: ${r.environments}, failed ${r.failed}; groups launched twice: **${r.duplicateLaunches}**; environments with other than their planned instances: ${r.wrongInstanceCounts}; untagged instances: ${r.untagged} (goal 0)`);
    say(`- Wall: ${seconds(r.wallMs)}`);
    say("");
  });
}

async function redisLossScenario(): Promise<void> {
  const trials = Number(values.trials);
  const count = Number(values["redis-envs"]);
  say(`## Recovery from Redis losing its data (FLUSHDB mid-flight, ${count} mixed environments, EC2 limits on)`);
  say("");
  say("| trial | flushed after | runs in flight | every run has a job again | every environment ready after the flush | failed |");
  say("|---|---|---|---|---|---|");
  for (let trial = 1; trial <= trials; trial += 1) {
    await withStack({ limits: "aws", timings: "realistic", workers: 2, concurrency: 30, postgres: "own", redis: "own" }, async (stack) => {
      const r = await redisLoss(stack, count, 1000 + trial * 1500);
      report[`redisLoss.${trial}`] = r;
      say(`| ${trial} | ${seconds(r.flushedAfterMs)} | ${r.runsInFlight} | **${seconds(r.redrivenMs)}** | ${seconds(r.allReadyAfterFlushMs)} | ${r.failed} |`);
    });
  }
  await withStack({ limits: "aws", timings: "realistic", workers: 2, concurrency: 30, postgres: "own", redis: "own" }, async (stack) => {
    const r = await redisLoss(stack, count, 4000, false);
    report["redisLoss.control"] = r;
    say(`| control (no flush) | ${seconds(r.flushedAfterMs)} | ${r.runsInFlight} | — | ${seconds(r.allReadyAfterFlushMs)} | ${r.failed} |`);
  });
  say("");
  say("Goal: runs re-driven ≤ 30 s after the loss (169 s before, issue 7). The leader checks a marker key every 2 s; the rest is the EC2 budget (90 launches at 2/s) and the cloud's pending time.");
  say("");
}

const started = Date.now();
if (scenario === "all" || scenario === "commits") await commits();
if (scenario === "all" || scenario === "kills") await kills();
if (scenario === "all" || scenario === "redis-loss") await redisLossScenario();
report.wallMs = Date.now() - started;

const dir = path.resolve("bench/reports");
await mkdir(dir, { recursive: true });
const name = `engine-${scenario}-${new Date().toISOString().replace(/[:.]/g, "-")}`;
await writeFile(path.join(dir, `${name}.json`), JSON.stringify(report, null, 2));
await writeFile(path.join(dir, `${name}.md`), `${lines.join("\n")}\n`);
console.log(`\nReport: bench/reports/${name}.{md,json}`);
process.exit(0);
