// One row of deploy history, as the list, the export and the service and environment pages show
// it: what went where, from which version, how, by whom, when, how long, and how it ended.
import type { Prisma } from "../db/generated/client";

export const deploymentSummarySelect = {
  id: true,
  state: true,
  strategy: true,
  source: true,
  reason: true,
  rollbackOfId: true,
  createdAt: true,
  startedAt: true,
  finishedAt: true,
  service: { select: { id: true, name: true } },
  release: { select: { id: true, version: true } },
  fromRelease: { select: { id: true, version: true } },
  environment: { select: { id: true, name: true } },
  requestedBy: { select: { id: true, name: true, email: true } },
} satisfies Prisma.DeploymentSelect;

type SummaryRow = Prisma.DeploymentGetPayload<{ select: typeof deploymentSummarySelect }>;

export type DeploymentSummary = {
  id: string;
  service: { id: string; name: string };
  release: { id: string; version: string };
  fromRelease: { id: string; version: string } | null;
  environment: { id: string; name: string };
  strategy: string;
  state: string;
  source: string;
  reason: string | null;
  requestedBy: { id: string; name: string; email: string } | null;
  /** Set when this deployment rolls another one back. */
  rollbackOf: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  /** From start to finish (null until it has both). */
  durationMs: number | null;
};

export function durationOf(row: { startedAt: Date | null; finishedAt: Date | null }): number | null {
  return row.startedAt && row.finishedAt ? Math.max(0, row.finishedAt.getTime() - row.startedAt.getTime()) : null;
}

export function deploymentSummary(row: SummaryRow): DeploymentSummary {
  return {
    id: row.id,
    service: row.service,
    release: row.release,
    fromRelease: row.fromRelease,
    environment: row.environment,
    strategy: (row.strategy as { type?: string } | null)?.type ?? "unknown",
    state: row.state,
    source: row.source,
    reason: row.reason,
    requestedBy: row.requestedBy,
    rollbackOf: row.rollbackOfId,
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    durationMs: durationOf(row),
  };
}
