// Cloud-layer benchmarks for issue 4. Every figure comes from the sandbox's own counters and
// transition timestamps and from Postgres; nothing is estimated.
//
//   npm run bench:cloud                              # lifecycle (A vs B, limits on and off) + throughput
//   npm run bench:cloud -- --scenario burst          # 2,000-environment burst with EC2 limits (≈17 min)
//   npm run bench:cloud -- --scenario lifecycle --envs 200 --limits on
//
// Options: --scenario lifecycle|throughput|burst|all, --envs N (lifecycle, default 200),
// --throughput-envs N (default 3000), --burst-envs N (default 2000), --limits on|off|both,
// --workers N (worker processes, default 1), --concurrency N (jobs per worker, default 50).
// Writes bench/reports/cloud-<scenario>-<time>.{json,md} and prints the summary.
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { ms, seconds } from "./lib/stats";
import { withStack } from "../scripts/services/process-stack";
import { baselineLifecycle } from "./scenarios/baseline-waiters";
import { hangarLifecycle, type LifecycleResult } from "./scenarios/hangar-lifecycle";
import { launchBurst } from "./scenarios/launch-burst";
import { throughput } from "./scenarios/throughput";

const { values } = parseArgs({
  options: {
    scenario: { type: "string", default: "default" },
    envs: { type: "string", default: "200" },
    "throughput-envs": { type: "string", default: "4000" },
    /** Offered load for the throughput run (requests per minute); 0 = as fast as possible. */
    "throughput-rate": { type: "string", default: "3300" },
    "burst-envs": { type: "string", default: "2000" },
    /** web-dev, service-stack, or mix (one- and two-group environments alternating). */
    template: { type: "string", default: "web-dev" },
    limits: { type: "string", default: "both" },
    workers: { type: "string", default: "1" },
    concurrency: { type: "string", default: "50" },
    "skip-baseline": { type: "boolean", default: false },
    "profile-workers": { type: "boolean", default: false },
  },
});
const scenario = values.scenario;
const template = values.template;
const workers = Number(values.workers);
const concurrency = Number(values.concurrency);
const workerNodeArgs = values["profile-workers"] ? ["--cpu-prof", "--cpu-prof-dir=bench/reports/profiles"] : [];
const limitModes: ("aws" | "off")[] = values.limits === "on" ? ["aws"] : values.limits === "off" ? ["off"] : ["aws", "off"];
const report: Record<string, unknown> = {
  startedAt: new Date().toISOString(),
  machine: { cpus: os.cpus().length, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
  settings: { scenario, workers, concurrency, template },
};
const lines: string[] = [
  `# Cloud benchmark (${new Date().toISOString()})`,
  "",
  `Machine: ${os.cpus().length} cores, Node ${process.version}; ${workers} worker process(es) × concurrency ${concurrency}; template ${template}.`,
  "",
];
const say = (line = "") => {
  console.log(line);
  lines.push(line);
};

function lifecycleRow(name: string, r: LifecycleResult): string {
  const by = Object.entries(r.calls.byAction).map(([a, n]) => `${a} ${n}`).join(", ");
  return `| ${name} | ${r.environments} | ${r.failed} | **${r.callsPerEnvironment.toFixed(2)}** | ${by} | ${ms(r.detectionDelayMs.p50)} | **${ms(r.detectionDelayMs.p95)}** | ${ms(r.detectionDelayMs.max)} | ${seconds(r.provisionWallMs)} | ${seconds(r.destroyWallMs)} |`;
}

async function lifecycle(): Promise<void> {
  const count = Number(values.envs);
  const notes: string[] = [];
  say(`## EC2 calls per environment lifecycle and detection delay (${count} concurrent environments)`);
  say("");
  say("| run | envs | failed | calls/env | calls by action | detect p50 | detect p95 | detect max | provision wall | destroy wall |");
  say("|---|---|---|---|---|---|---|---|---|---|");
  for (const limits of limitModes) {
    await withStack({ limits, workers, concurrency }, async (stack) => {
      const label = `limits ${limits === "aws" ? "on" : "off"}`;
      if (!values["skip-baseline"]) {
        const a = await baselineLifecycle(stack, count);
        report[`lifecycle.baseline.${limits}`] = a;
        say(lifecycleRow(`A baseline (waiter per env + CreateTags), ${label}`, a));
      }
      const b = await hangarLifecycle(stack, count, `b-${limits}`, template);
      report[`lifecycle.hangar.${limits}`] = b;
      say(lifecycleRow(`B Hangar engine, ${label}`, b));
      const d = b.detectionBreakdownMs!;
      notes.push(`B, ${label}: detection p50/p95 = poller saw running ${ms(d.seenByPoller.p50)}/${ms(d.seenByPoller.p95)} + run resumed ${ms(d.stepResumed.p50)}/${ms(d.stepResumed.p95)} + outputs and ready ${ms(d.ready.p50)}/${ms(d.ready.p95)}`);
    });
  }
  say("");
  for (const note of notes) say(`- ${note}`);
  say("");
  say("Goals: calls/env ≤ 2.1 (baseline 5–7); detection p95 ≤ 1 s (baseline up to 15 s).");
  say("");
}

async function throughputScenario(): Promise<void> {
  const count = Number(values["throughput-envs"]);
  await withStack({ limits: "off", workers, concurrency, workerNodeArgs }, async (stack) => {
    const rate = Number(values["throughput-rate"]);
    const r = await throughput(stack, count, rate > 0 ? rate : undefined, template);
    report.throughput = r;
    say(`## Throughput with limits off (${count} environments)`);
    say("");
    say(`- Ready per minute, steady (middle 80%): **${Math.round(r.readyPerMinuteSteady)}** (goal ≥ 3,000)`);
    say(`- Ready per minute, overall (first request → last ready): ${Math.round(r.readyPerMinuteOverall)}`);
    say(`- Offered load: ${r.offeredPerMinute ? `${r.offeredPerMinute}/min` : "as fast as the driver can"}; requests accepted per minute: ${Math.round(r.requestsPerMinute)}; failed: ${r.failed}; wall ${seconds(r.wallMs)}`);
    say(`- Request → ready: p50 ${seconds(r.requestToReadyMs.p50)}, p95 ${seconds(r.requestToReadyMs.p95)}, max ${seconds(r.requestToReadyMs.max)} (a system that keeps up stays near the cloud's pending time)`);
    say(`- EC2 calls: ${r.calls.total} (${(r.calls.total / count).toFixed(2)}/env; ${Object.entries(r.calls.byAction).map(([a, n]) => `${a} ${n}`).join(", ")})`);
    say("");
  });
}

async function burstScenario(): Promise<void> {
  const count = Number(values["burst-envs"]);
  await withStack({ limits: "aws", workers, concurrency }, async (stack) => {
    const r = await launchBurst(stack, count, template);
    report.burst = r;
    say(`## ${count}-environment burst with EC2 limits on`);
    say("");
    say(`- RunInstances calls that launched: ${r.launches} for ${r.environments} environments`);
    say(`- Launches per minute: **${r.launchesPerMinute.toFixed(1)}** = **${(r.ceilingShare * 100).toFixed(1)}%** of the 120/min ceiling (goal ≥ 95%)`);
    say(`- RequestLimitExceeded shown to users: **${r.userVisibleThrottling}** (goal 0); environments failed: ${r.failed}; throttled at the sandbox: ${r.throttledAtSandbox}`);
    say(`- Retried calls: **${(r.retriedShare * 100).toFixed(2)}%** of ${r.calls.total} (goal ≤ 1%)`);
    say(`- Wall time: ${seconds(r.wallMs)}`);
    say("");
  });
}

const started = Date.now();
if (scenario === "default" || scenario === "lifecycle" || scenario === "all") await lifecycle();
if (scenario === "default" || scenario === "throughput" || scenario === "all") await throughputScenario();
if (scenario === "burst" || scenario === "all") await burstScenario();
report.wallMs = Date.now() - started;

const dir = path.resolve("bench/reports");
await mkdir(dir, { recursive: true });
const stamp = new Date().toISOString().replace(/[:.]/g, "-");
const name = `cloud-${scenario}${template === "web-dev" ? "" : `-${template}`}-${stamp}`;
await writeFile(path.join(dir, `${name}.json`), JSON.stringify(report, null, 2));
await writeFile(path.join(dir, `${name}.md`), `${lines.join("\n")}\n`);
console.log(`\nReport: bench/reports/${name}.{md,json}`);
process.exit(0);
