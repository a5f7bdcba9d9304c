// One deployment as the caller may see it (another team's is a 404), with its run's steps, its
// place in the environment's queue and the diff against the release it replaced.
import type { Tx } from "../db/client";
import { NotFound } from "../errors";
import type { Caller } from "../identity/caller";
import { hasTeamPermission, teamIdsWith } from "../identity/permissions";
import { nextStageOf } from "../pipelines/stages";
import { runViews } from "../runs/run-view";
import { deploymentView, deploymentViewInclude, type DeploymentRow, type DeploymentView } from "./deployment-view";
import { diffReleases, type ChangelogEntry, type DiffRelease } from "./release-diff";

/** Changelogs of releases in between, at most this many (a diff across years reads as a list). */
const MAX_BETWEEN = 50;

export async function getDeployment(db: Tx, caller: Caller, deploymentId: string): Promise<DeploymentView> {
  const row = await db.deployment.findFirst({
    where: { id: deploymentId, teamId: { in: teamIdsWith(caller, "environment:read") } },
    include: deploymentViewInclude,
  });
  if (!row) throw new NotFound(`Deployment ${deploymentId} not found`);
  const canWrite = hasTeamPermission(caller, row.teamId, "environment:write");
  const [queuePosition, between, rollbackOf, nextStage] = await Promise.all([
    queuePositionOf(db, row),
    releasesBetween(db, row),
    row.rollbackOfId
      ? db.deployment.findUnique({ where: { id: row.rollbackOfId }, select: { id: true, release: { select: { version: true } } } })
      : Promise.resolve(null),
    row.state === "succeeded" ? nextStageOf(db, row) : Promise.resolve(null),
  ]);
  const run = row.run ? runViews([row.run], row.environment, canWrite)[0]! : null;
  return deploymentView(row, {
    run: run ? { ...run, queuePosition } : null,
    queuePosition,
    diff: diffReleases(row.fromRelease ? diffRelease(row.fromRelease) : null, diffRelease(row.release), between),
    rollbackOf,
    canWrite,
    nextStage: nextStage?.name ?? null,
  });
}

function diffRelease(release: DeploymentRow["release"]): DiffRelease {
  return { ...release, config: (release.config ?? {}) as Record<string, string> };
}

/** Runs of the environment that go before this one: running, or queued earlier (same order as the run view's). */
async function queuePositionOf(db: Tx, row: DeploymentRow): Promise<number | null> {
  const run = row.run;
  if (!run || run.state !== "queued") return null;
  return db.run.count({
    where: {
      environmentId: run.environmentId,
      id: { not: run.id },
      state: { in: ["queued", "running"] },
      OR: [{ createdAt: { lt: run.createdAt } }, { createdAt: run.createdAt, id: { lt: run.id } }, { state: "running" }],
    },
  });
}

/** The service's releases created strictly between the two, newest first. */
async function releasesBetween(db: Tx, row: DeploymentRow): Promise<ChangelogEntry[]> {
  if (!row.fromRelease || row.fromRelease.id === row.release.id) return [];
  const [older, newer] = row.fromRelease.createdAt <= row.release.createdAt ? [row.fromRelease, row.release] : [row.release, row.fromRelease];
  return db.release.findMany({
    where: { serviceId: row.serviceId, createdAt: { gt: older.createdAt, lt: newer.createdAt } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: MAX_BETWEEN,
    select: { version: true, changelog: true, createdAt: true },
  });
}
