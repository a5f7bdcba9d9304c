// Request-form benchmarks for issue 8: live options (form-options p95) and the preview (preview
// p95), cold (empty caches) and cached, against the sandbox enforcing EC2's request limits.
//
//   npm run bench:forms                          # 200 samples, 50 forms in the burst (≈ 3 min)
//   npm run bench:forms -- --samples 50 --burst 20
//
// Writes bench/reports/forms-<time>.{json,md} and prints the summary.
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { ms, type Summary } from "./lib/stats";
import { withStack } from "../scripts/services/process-stack";
import { formsScenario } from "./scenarios/forms";

const { values } = parseArgs({
  options: {
    samples: { type: "string", default: "200" },
    burst: { type: "string", default: "50" },
    /** Pause between cold samples, so EC2's bucket refills: cold means one person, nothing cached. */
    gap: { type: "string", default: "400" },
  },
});
const startedAt = new Date().toISOString();
const lines: string[] = [`# Request form benchmark (${startedAt})`, "", `Machine: ${os.cpus().length} cores, Node ${process.version}. Sandbox: separate process, EC2 request limits on (limits aws); Hangar's client-side limiter on (Redis).`, ""];
const say = (line = "") => {
  console.log(line);
  lines.push(line);
};
const row = (name: string, s: Summary) => `| ${name} | ${s.count} | ${ms(s.p50)} | **${ms(s.p95)}** | ${ms(s.p99)} | ${ms(s.max)} |`;

const result = await withStack({ limits: "aws", workers: 0, concurrency: 1, timings: "fast" }, (stack) =>
  formsScenario(stack, { samples: Number(values.samples), burst: Number(values.burst), gapMs: Number(values.gap) }),
);

say(`## Live options and preview, template vpc-box (${result.samples} samples each)`);
say("");
say("| what | n | p50 | p95 | p99 | max |");
say("|---|---|---|---|---|---|");
say(row("one options call, cold", result.optionsCold));
say(row("one options call, cached", result.optionsCached));
say(row("whole form (5 calls in order), cold", result.formCold));
say(row("whole form (5 calls in order), cached", result.formCached));
say(row("preview, cold (live checks + image lookup)", result.previewCold));
say(row("preview, cached", result.previewCached));
say("");
say(`EC2 calls during the cold samples: ${Object.entries(result.ec2Calls).map(([action, n]) => `${action} ${n}`).join(", ")}; RequestLimitExceeded answers: ${result.throttled}.`);
say("");
say(`## ${result.burst.forms} people open the form at the same moment`);
say("");
say("| caches | n | p50 | p95 | p99 | max | EC2 calls |");
say("|---|---|---|---|---|---|---|");
say(`${row("one per person (nothing shared)", result.burst.separateCaches)} ${result.burst.ec2CallsSeparate} |`);
say(`${row("one per process (as shipped)", result.burst.sharedCache)} ${result.burst.ec2CallsShared} |`);

const dir = path.resolve("bench/reports");
await mkdir(dir, { recursive: true });
const stamp = startedAt.replace(/[:.]/g, "-");
await writeFile(path.join(dir, `forms-${stamp}.json`), `${JSON.stringify({ startedAt, machine: { cpus: os.cpus().length, node: process.version }, settings: values, result }, null, 2)}\n`);
await writeFile(path.join(dir, `forms-${stamp}.md`), `${lines.join("\n")}\n`);
console.log(`\nreport: bench/reports/forms-${stamp}.md`);
