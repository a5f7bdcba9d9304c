// The API shapes of deployments: history rows, one deployment with its run, gate and diff,
// queued deploys, and the DORA metrics.
import { z } from "zod";
import { isoDate, keysetPageOf, named, personRef } from "@/lib/api-contract/common-schemas";
import { runView } from "@/lib/runs/api-schemas";

export const strategyView = z.union([
  z.object({ type: z.literal("canary"), bakeSeconds: z.number(), percent: z.number().optional(), count: z.number().optional() }),
  z.object({ type: z.literal("rolling"), batchSize: z.number(), maxUnavailable: z.number() }),
  z.object({ type: z.literal("blue-green"), graceMinutes: z.number() }),
]);

const deploymentRow = z.object({
  id: z.string(),
  service: named,
  release: z.object({ id: z.string(), version: z.string() }),
  fromRelease: z.object({ id: z.string(), version: z.string() }).nullable(),
  environment: named,
  strategy: z.string(),
  state: z.string(),
  source: z.string(),
  reason: z.string().nullable(),
  requestedBy: personRef.nullable(),
  rollbackOf: z.string().nullable(),
  createdAt: isoDate(),
  startedAt: isoDate().nullable(),
  finishedAt: isoDate().nullable(),
  durationMs: z.number().nullable(),
});

export const deploymentList = keysetPageOf(deploymentRow).extend({ totalCapped: z.boolean() });

const releaseOfDeployment = z.object({
  id: z.string(),
  version: z.string(),
  artifact: z.object({ type: z.string(), reference: z.string() }),
  commitSha: z.string().nullable(),
  changelog: z.string(),
  createdAt: isoDate(),
});

export const deploymentView = z.object({
  id: z.string(),
  service: named,
  release: releaseOfDeployment,
  fromRelease: releaseOfDeployment.nullable(),
  environment: z.object({ id: z.string(), name: z.string(), state: z.string() }),
  strategy: strategyView,
  state: z.string(),
  source: z.string(),
  reason: z.string().nullable(),
  // As the health gate records them (lib/deployments/health-gate.ts), one per instance and batch.
  gateResults: z.array(
    z.object({
      instanceId: z.string(),
      batch: z.number().int(),
      statusChecks: z.object({ system: z.string(), instance: z.string() }),
      http: z.object({ url: z.string().optional(), status: z.number().nullable().optional(), ms: z.number().optional(), error: z.string().optional() }).nullable(),
      state: z.enum(["passed", "pending", "failed"]).optional(),
      passed: z.boolean().optional(),
      detail: z.string(),
      at: z.string(),
    }),
  ),
  requestedBy: personRef.nullable(),
  confirmedBy: personRef.nullable(),
  confirmedAt: isoDate().nullable(),
  stage: named.nullable(),
  previousDeploymentId: z.string().nullable(),
  rollbackOf: z.object({ id: z.string(), release: z.object({ version: z.string() }) }).nullable(),
  createdAt: isoDate(),
  startedAt: isoDate().nullable(),
  finishedAt: isoDate().nullable(),
  durationMs: z.number().nullable(),
  runId: z.string().nullable(),
  run: runView.nullable(),
  queuePosition: z.number().int().nullable(),
  diff: z.object({
    version: z.object({ from: z.string().nullable(), to: z.string() }),
    artifact: z.object({ from: z.string().nullable(), to: z.string(), changed: z.boolean() }),
    config: z.object({
      added: z.record(z.string(), z.string()),
      removed: z.record(z.string(), z.string()),
      changed: z.record(z.string(), z.object({ from: z.string(), to: z.string() })),
      unchanged: z.number().int(),
    }),
    changelog: z.object({ direction: z.enum(["forward", "back", "same"]), entries: z.array(z.object({ version: z.string(), changelog: z.string(), createdAt: isoDate() })) }),
  }),
  actions: z.object({ canRollback: z.boolean(), rollbackDisabledReason: z.string().nullable(), canCancel: z.boolean(), promoteTo: z.string().nullable() }),
});

/** A deploy that was asked for: its run, or none while it awaits a team admin's confirmation. */
export const deploymentQueued = z.object({
  id: z.string(),
  runId: z.string().nullable(),
  state: z.string().meta({ description: "queued, awaiting_confirmation, or (rejected) canceled" }),
});

/** A promotion: the deploy, the stage it goes to and the release. */
export const promotionQueued = deploymentQueued.extend({ state: z.enum(["queued", "awaiting_confirmation"]), stage: z.string(), release: z.string() });

const band = z.enum(["elite", "high", "medium", "low"]).nullable();

export const doraMetricsView = z.object({
  service: named,
  window: z.enum(["7d", "30d", "90d"]),
  from: z.string(),
  to: z.string(),
  days: z.number().int(),
  scope: z.union([z.object({ kind: z.literal("last_stage"), stage: named, environment: named }), z.object({ kind: z.literal("all_environments") })]),
  deploymentFrequency: z.object({ total: z.number(), perDay: z.number(), band, series: z.array(z.object({ day: z.string(), deployments: z.number() })) }),
  leadTime: z.object({
    releases: z.number(),
    medianSeconds: z.number().nullable(),
    p90Seconds: z.number().nullable(),
    band,
    series: z.array(z.object({ day: z.string(), releases: z.number(), medianSeconds: z.number().nullable() })),
  }),
  changeFailureRate: z.object({
    finished: z.number(),
    failed: z.number(),
    rate: z.number().nullable(),
    band,
    series: z.array(z.object({ day: z.string(), finished: z.number(), failed: z.number(), rate: z.number().nullable() })),
  }),
  timeToRestore: z.object({
    restored: z.number(),
    unrestored: z.number(),
    medianSeconds: z.number().nullable(),
    band,
    series: z.array(z.object({ day: z.string(), restored: z.number(), medianSeconds: z.number().nullable() })),
  }),
});
