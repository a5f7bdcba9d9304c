// What the API answers for one deployment (GET /api/v1/deployments/:id) and what its page
// shows: what went where and how, who asked and confirmed, its run's steps with timings, its
// place in the environment's queue, the health gate per instance, the diff against the release
// it replaced, and what the caller may do with it.
import type { Prisma } from "../db/generated/client";
import type { RunView } from "../runs/run-view";
import type { Strategy } from "../services/schemas";
import { durationOf } from "./deployment-summary";
import type { ReleaseDiff } from "./release-diff";

export const deploymentViewInclude = {
  service: { select: { id: true, name: true, teamId: true } },
  release: true,
  fromRelease: true,
  environment: { select: { id: true, name: true, state: true } },
  requestedBy: { select: { id: true, name: true, email: true } },
  confirmedBy: { select: { id: true, name: true, email: true } },
  stage: { select: { id: true, name: true } },
  run: { include: { steps: true, requestedBy: { select: { email: true } } } },
} satisfies Prisma.DeploymentInclude;

export type DeploymentRow = Prisma.DeploymentGetPayload<{ include: typeof deploymentViewInclude }>;
type ReleaseRow = DeploymentRow["release"];

export type DeploymentRelease = { id: string; version: string; artifact: { type: string; reference: string }; commitSha: string | null; changelog: string; createdAt: Date };

/** One instance's health gate, as the deploy run records it. */
export type GateResult = {
  instanceId: string;
  batch: number;
  statusChecks: { system: string; instance: string };
  http: { status: number | null; ms: number; error?: string } | null;
  /** As the health gate records it (lib/deployments/health-gate.ts). */
  state: "passed" | "pending" | "failed";
  detail: string;
  at: string;
};

export type DeploymentActions = {
  canRollback: boolean;
  /** Why Roll back is not offered (null when it is). */
  rollbackDisabledReason: string | null;
  /** The run can be canceled (POST /api/v1/runs/:runId/cancel). */
  canCancel: boolean;
  /** The pipeline stage Promote deploys this release to (POST /api/v1/deployments/:id/promote), or null. */
  promoteTo: string | null;
};

export type DeploymentView = {
  id: string;
  service: { id: string; name: string };
  release: DeploymentRelease;
  fromRelease: DeploymentRelease | null;
  environment: { id: string; name: string; state: string };
  strategy: Strategy;
  state: string;
  source: string;
  reason: string | null;
  gateResults: GateResult[];
  requestedBy: { id: string; name: string; email: string } | null;
  confirmedBy: { id: string; name: string; email: string } | null;
  confirmedAt: Date | null;
  stage: { id: string; name: string } | null;
  previousDeploymentId: string | null;
  rollbackOf: { id: string; release: { version: string } } | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  durationMs: number | null;
  runId: string | null;
  run: RunView | null;
  /** While queued: how many runs of the environment are ahead of this one (0: next in line). */
  queuePosition: number | null;
  diff: ReleaseDiff;
  actions: DeploymentActions;
};

export function deploymentRelease(row: ReleaseRow): DeploymentRelease {
  return {
    id: row.id,
    version: row.version,
    artifact: { type: row.artifactType, reference: row.artifact },
    commitSha: row.commitSha,
    changelog: row.changelog,
    createdAt: row.createdAt,
  };
}

const ROLLBACKABLE = new Set(["succeeded", "failed", "rolled_back"]);

export function deploymentActions(row: DeploymentRow, canWrite: boolean, nextStage: string | null): DeploymentActions {
  const active = row.run && (row.run.state === "queued" || row.run.state === "running");
  let reason: string | null = null;
  if (!canWrite) reason = "Your role in this service's team cannot deploy";
  else if (!ROLLBACKABLE.has(row.state)) reason = `A ${row.state.replace(/_/g, " ")} deployment cannot be rolled back${active ? "; cancel it instead" : ""}`;
  else if (!row.fromRelease) reason = "Nothing to roll back to: no release was live on this environment before it";
  return {
    canRollback: reason === null,
    rollbackDisabledReason: reason,
    canCancel: Boolean(canWrite && active && row.run?.cancelRequestedAt === null),
    promoteTo: canWrite && row.state === "succeeded" ? nextStage : null,
  };
}

export function deploymentView(
  row: DeploymentRow,
  extra: { run: RunView | null; queuePosition: number | null; diff: ReleaseDiff; rollbackOf: DeploymentView["rollbackOf"]; canWrite: boolean; nextStage: string | null },
): DeploymentView {
  return {
    id: row.id,
    service: { id: row.service.id, name: row.service.name },
    release: deploymentRelease(row.release),
    fromRelease: row.fromRelease ? deploymentRelease(row.fromRelease) : null,
    environment: row.environment,
    strategy: row.strategy as Strategy,
    state: row.state,
    source: row.source,
    reason: row.reason,
    gateResults: Array.isArray(row.gateResults) ? (row.gateResults as unknown as GateResult[]) : [],
    requestedBy: row.requestedBy,
    confirmedBy: row.confirmedBy,
    confirmedAt: row.confirmedAt,
    stage: row.stage,
    previousDeploymentId: row.previousDeploymentId,
    rollbackOf: extra.rollbackOf,
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    durationMs: durationOf(row),
    runId: row.runId,
    run: extra.run,
    queuePosition: extra.queuePosition,
    diff: extra.diff,
    actions: deploymentActions(row, extra.canWrite, extra.nextStage),
  };
}
