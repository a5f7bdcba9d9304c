// Deploy benchmarks for issue 9: Hangar's own overhead per deploy batch beyond the cloud's waits,
// and 100 concurrent deploys under EC2's request limits. Real processes
// (scripts/services/process-stack.ts: Postgres, Redis, the sandbox as its own process, worker
// processes), one- and two-group environments with 1-3 web instances, rolling (1 and 2),
// blue-green and canary; figures come from the sandbox's own timestamps and counters and from
// Postgres, nothing is estimated.
//
//   npm run bench:deploys                                  # overhead + concurrent, ≈ 12 min
//   npm run bench:deploys -- --scenario overhead --overhead-envs 20 --overhead-rounds 2
//   npm run bench:deploys -- --scenario concurrent --concurrent-envs 100 --concurrent-rounds 2
//
// Options: --scenario overhead|concurrent|all, --overhead-envs (20) × --overhead-rounds (2)
// deployments, --overhead-limits on|off (off: the cloud's request limits would add budget waits
// that are not Hangar's), --concurrent-envs (100), --concurrent-rounds (2), --eip-addresses (5,
// EC2's default Elastic IP quota per account and region; the sandbox enforces none), --workers
// (1), --concurrency (jobs per worker, 50), --gate-timeout (DEPLOY_GATE_TIMEOUT_SECONDS, 600).
// Writes bench/reports/deploys-<scenario>-<time>.{json,md} and prints the summary.
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { ms, seconds, summarize, type Summary } from "./lib/stats";
import { withStack } from "../scripts/services/process-stack";
import { deployConcurrent } from "./scenarios/deploy-concurrent";
import { deployOverhead } from "./scenarios/deploy-overhead";
import type { BatchSummary } from "./scenarios/deploy-batches";

const { values } = parseArgs({
  options: {
    scenario: { type: "string", default: "all" },
    "overhead-envs": { type: "string", default: "20" },
    "overhead-rounds": { type: "string", default: "2" },
    "overhead-limits": { type: "string", default: "off" },
    "concurrent-envs": { type: "string", default: "100" },
    "concurrent-rounds": { type: "string", default: "2" },
    "eip-addresses": { type: "string", default: "5" },
    workers: { type: "string", default: "1" },
    concurrency: { type: "string", default: "50" },
    "gate-timeout": { type: "string", default: "600" },
  },
});
const scenario = values.scenario;
const workers = Number(values.workers);
const concurrency = Number(values.concurrency);
const eipAddresses = Number(values["eip-addresses"]);
const workerEnv = { DEPLOY_GATE_TIMEOUT_SECONDS: values["gate-timeout"] };
const report: Record<string, unknown> = {
  startedAt: new Date().toISOString(),
  machine: { cpus: os.cpus().length, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, loadAverage: os.loadavg() },
  settings: values,
};
const lines: string[] = [
  `# Deploy benchmark (${new Date().toISOString()})`,
  "",
  `Machine: ${os.cpus().length} cores, Node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" / ")} at start; ${workers} worker process(es) × concurrency ${concurrency}; sandbox timings realistic (pending → running median 5 s, running → status ok median 4 s); health gate: EC2 status checks + HTTP /healthz with the engine's default settings, timeout ${values["gate-timeout"]} s.`,
  "",
];
const say = (line = "") => {
  console.log(line);
  lines.push(line);
};
const row = (name: string, s: Summary, bold = false) => `| ${name} | ${bold ? `**${ms(s.p50)}**` : ms(s.p50)} | ${bold ? `**${ms(s.p95)}**` : ms(s.p95)} | ${ms(s.max)} |`;

function batchTable(s: BatchSummary): void {
  say("| per batch | p50 | p95 | max |");
  say("|---|---|---|---|");
  say(row("**Hangar's overhead** (Hangar's time − the cloud's)", s.overheadMs, true));
  say(row("… RunInstances recorded and sent → the sandbox received it", s.parts.sendMs));
  say(row("… last instance's status checks ok (+ HTTP answer) → gate passed", s.parts.gateMs));
  say(row("… gate passed → traffic move committed (addresses, outputs)", s.parts.moveMs));
  say(row("Hangar's time: RunInstances sent → traffic moved", s.hangarMs));
  say(row("The cloud's part: launch → status ok (slowest instance) + HTTP answer", s.cloudMs));
  say(row("… launch → running (that instance)", s.cloud.pendingMs));
  say(row("… running → status ok (that instance)", s.cloud.initializingMs));
  say(row("… HTTP check answer (slowest of the batch)", s.cloud.httpMs));
  say("");
  say(`By strategy: ${Object.entries(s.byStrategy).map(([name, v]) => `${name} ${v.batches} batches, overhead p50 ${ms(v.overheadMs.p50)} / p95 ${ms(v.overheadMs.p95)}`).join("; ")}.`);
  say(`Batches within the 1 s goal: ${s.withinGoal} of ${s.batches} (${((s.withinGoal / Math.max(1, s.batches)) * 100).toFixed(0)} %).`);
}

const METHOD = [
  "Method: for each batch of each succeeded deployment, Hangar's time runs from the batch's RunInstances being sent (its CloudOperation row, recorded right before the call: createdAt) to the traffic move being committed (the run log line \"Traffic moved to batch N\", written right after the commit).",
  "The cloud's part comes from the sandbox's own timestamps (GET /_sandbox/instances): the slowest instance of the batch from launch (the sandbox receiving RunInstances) through running to status checks ok, plus the slowest HTTP check answer (the passing gate result's http.ms).",
  "Overhead = Hangar's time − the cloud's part, and it splits exactly into: send (CloudOperation.createdAt → the sandbox's launch time), gate (last status ok + HTTP answer → \"Health gate passed for batch N\": noticing running and status ok, i.e. the gate's polling) and move (gate passed → traffic moved: Elastic IP moves, outputs, the commit).",
  "A canary's bake comes after its batch's traffic move and before the next batch's launch, so it is in no batch. Batches whose instances the sandbox no longer shows as running are counted as untimed (above); each round is read right after it ends, before the next retires them.",
].join(" ");

async function overhead(): Promise<void> {
  const environments = Number(values["overhead-envs"]);
  const rounds = Number(values["overhead-rounds"]);
  const limits = values["overhead-limits"] === "on" ? "aws" : "off";
  await withStack({ limits, timings: "realistic", workers, concurrency, workerEnv }, async (stack) => {
    const r = await deployOverhead(stack, { environments, rounds, eipAddresses });
    report.overhead = r;
    say(`## Overhead per deploy batch (${r.outcomes.deployments} deployments: ${environments} environments × ${rounds} rounds, EC2 limits ${limits === "aws" ? "on" : "off"})`);
    say("");
    say(`Deployments: ${Object.entries(r.outcomes.byState).map(([s, n]) => `${s} ${n}`).join(", ")}; rounds: ${r.rounds.map((x) => `${x.round}: ${Object.entries(x.strategies).map(([k, n]) => `${k} ${n}`).join(", ")} in ${seconds(x.wallMs)}`).join("; ")}. Batches timed: ${r.summary.batches} (untimed: ${r.untimedBatches}).`);
    say("");
    batchTable(r.summary);
    say("");
    say(`Goal: overhead ≤ 1 s per batch. Deployment request → finished: p50 ${seconds(r.outcomes.durationMs.p50)}, p95 ${seconds(r.outcomes.durationMs.p95)} (canary batches bake 5 s).`);
    say("");
    const gate = r.batches.map((b) => b.parts.gateMs);
    say(`The gate's part (how soon a gate notices): ${gate.filter((g) => g > 500).length} of ${gate.length} batches waited more than 0.5 s after the cloud was ready, ${gate.filter((g) => g > 1000).length} more than 1 s; without the gate's part the overhead would be p50 ${ms(summarize(r.batches.map((b) => b.overheadMs - b.parts.gateMs)).p50)}, p95 ${ms(summarize(r.batches.map((b) => b.overheadMs - b.parts.gateMs)).p95)}.`);
    say("");
    say(METHOD);
    say("");
  });
}

async function concurrent(): Promise<void> {
  const environments = Number(values["concurrent-envs"]);
  const rounds = Number(values["concurrent-rounds"]);
  await withStack({ limits: "aws", timings: "realistic", workers, concurrency, workerEnv }, async (stack) => {
    const r = await deployConcurrent(stack, { environments, rounds, eipAddresses });
    report.concurrent = r;
    say(`## ${environments} concurrent deploys across ${environments} environments, EC2 limits on`);
    say("");
    say(`Environments provisioned (limits on) in ${seconds(r.provisionWallMs)}; ${r.elasticIpServices} services with Elastic IPs holding ${r.elasticIpAddresses} addresses (EC2's default quota: 5 per account and region; the sandbox enforces none).`);
    say("");
    say("| round | deploys | strategies | succeeded | failed / rolled back | throttling shown to users | throttled at the sandbox | EC2 calls (by action) | wall | deploy p50 | deploy p95 |");
    say("|---|---|---|---|---|---|---|---|---|---|---|");
    for (const x of r.rounds) {
      const o = x.outcomes;
      const shown = o.userVisibleThrottling.deployments + o.userVisibleThrottling.errorLogLines + o.userVisibleThrottling.stepErrors;
      const by = Object.entries(x.calls.byAction).sort((a, b) => b[1] - a[1]).map(([a, n]) => `${a} ${n}`).join(", ");
      say(`| ${x.round} | ${x.deployments} | ${Object.entries(x.strategies).map(([k, n]) => `${k} ${n}`).join(", ")} | ${o.byState.succeeded ?? 0} | ${(o.byState.failed ?? 0) + (o.byState.rolled_back ?? 0)} | **${shown}** | ${x.calls.throttled} | ${x.calls.total} (${by}) | ${seconds(x.wallMs)} | ${seconds(o.durationMs.p50)} | **${seconds(o.durationMs.p95)}** |`);
    }
    say("");
    for (const x of r.rounds) {
      const o = x.outcomes;
      say(`- Round ${x.round}: requests took ${seconds(x.requestWallMs)}; calls answered with an error ${x.calls.failed} (throttled ${x.calls.throttled}); warn lines mentioning throttling ${o.throttlingWarnLines}; run start → finished p50 ${seconds(o.runMs.p50)}, p95 ${seconds(o.runMs.p95)}; per-batch overhead under this load p50 ${ms(x.batches.overheadMs.p50)}, p95 ${ms(x.batches.overheadMs.p95)} (${x.batches.batches} batches, untimed ${x.untimedBatches}).`);
      for (const u of o.unsuccessful.slice(0, 5)) say(`  - ${u.state}: ${u.reason ?? "(no reason)"}`);
      for (const e of o.userVisibleThrottling.examples) say(`  - throttling shown: ${e}`);
    }
    say("");
    say("Goal: 0 throttling errors shown to users (no deployment failed or rolled back because of RequestLimitExceeded, no error line in a run log or step error mentioning throttling).");
    say("");
  });
}

const started = Date.now();
if (scenario === "all" || scenario === "overhead") await overhead();
if (scenario === "all" || scenario === "concurrent") await concurrent();
report.wallMs = Date.now() - started;

const dir = path.resolve("bench/reports");
await mkdir(dir, { recursive: true });
const name = `deploys-${scenario}-${new Date().toISOString().replace(/[:.]/g, "-")}`;
await writeFile(path.join(dir, `${name}.json`), JSON.stringify(report, null, 2));
await writeFile(path.join(dir, `${name}.md`), `${lines.join("\n")}\n`);
console.log(`\nReport: bench/reports/${name}.{md,json}`);
process.exit(0);
