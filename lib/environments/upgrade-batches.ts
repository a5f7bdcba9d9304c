// Upgrading many environments of a template at once: each is planned (and refused on its own,
// with why: busy, not ready, parameters that do not fit) and gets its own update run, and the
// runs belong to a batch whose concurrency limit the engine enforces when it claims them
// (claim-run.ts). A person upgrades the environments they may change; a template whose upgrade
// policy is automatic upgrades every environment made from it when a version is published.
import type { Db, Tx } from "../db/client";
import type { Environment, Prisma } from "../db/generated/client";
import { newId } from "../db/ids";
import { AppError, Conflict, NotFound } from "../errors";
import { recordAuditEvent, type AuditActor, type RequestContext } from "../audit/record-audit-event";
import type { Caller } from "../identity/caller";
import { teamIdsWith } from "../identity/permissions";
import type { OutboxJob } from "../queue/outbox";
import { getTemplate } from "../templates/list-templates";
import { lockEnvironment, queueUpdate, whyNot } from "./apply-upgrade";
import type { LiveCheckDeps } from "../templates/live-options/check-live-values";
import { planUpgradeOf } from "./plan-upgrade";

export const DEFAULT_BATCH_CONCURRENCY = 5;
/** One batch's size; more environments than this are upgraded in several batches. */
export const MAX_BATCH_ENVIRONMENTS = 500;

export type BatchInput = {
  template: string;
  toVersion?: number | undefined;
  /** Only environments on these versions. */
  fromVersions?: number[] | undefined;
  /** Only these environments. */
  environmentIds?: string[] | undefined;
  concurrency?: number | undefined;
  context?: RequestContext | undefined;
  live?: LiveCheckDeps | undefined;
};

export type StartedBatch = {
  batchId: string | null;
  toVersion: number;
  concurrency: number;
  queued: { environmentId: string; name: string; fromVersion: number; runId: string }[];
  skipped: { environmentId: string; name: string; reason: string }[];
  outbox: OutboxJob[];
};

type Scope = { actor: AuditActor; requestedById: string | null; teamIds: string[] | "all"; trigger: "manual" | "publish" };

/** A person's bulk upgrade: the environments of the template they may change. */
export async function startUpgradeBatch(db: Db, caller: Caller, input: BatchInput): Promise<StartedBatch> {
  const template = await getTemplate(db, caller, input.template);
  return runBatch(db, template.id, input, {
    actor: { id: caller.userId, email: caller.email },
    requestedById: caller.userId,
    teamIds: teamIdsWith(caller, "environment:write"),
    trigger: "manual",
  });
}

/** After a publish: every live environment of a template whose policy is automatic. Null when the policy is manual. */
export async function upgradeOnPublish(
  db: Db,
  publisher: { userId: string; email: string } | { system: string },
  templateId: string,
  toVersion: number,
  live?: LiveCheckDeps,
): Promise<StartedBatch | null> {
  const template = await db.template.findUnique({ where: { id: templateId }, select: { upgradePolicy: true } });
  if (template?.upgradePolicy !== "automatic") return null;
  const actor: AuditActor = "system" in publisher ? publisher : { id: publisher.userId, email: publisher.email };
  return runBatch(db, templateId, { template: templateId, toVersion, live }, { actor, requestedById: "system" in publisher ? null : publisher.userId, teamIds: "all", trigger: "publish" });
}

/**
 * After a version was published (and committed): its automatic upgrades, which never make the
 * publish fail. What went wrong is answered next to the published version instead.
 */
export async function upgradeAfterPublish(
  db: Db,
  publisher: { userId: string; email: string } | { system: string },
  published: { templateId: string; version: number },
  live?: LiveCheckDeps,
): Promise<{ batch: Omit<StartedBatch, "outbox"> | null; outbox: OutboxJob[]; error?: string }> {
  try {
    const started = await upgradeOnPublish(db, publisher, published.templateId, published.version, live);
    if (!started) return { batch: null, outbox: [] };
    const { outbox, ...batch } = started;
    return { batch, outbox };
  } catch (error) {
    return { batch: null, outbox: [], error: `The automatic upgrade to version ${published.version} did not start: ${error instanceof Error ? error.message : String(error)}` };
  }
}

async function runBatch(db: Db, templateId: string, input: BatchInput, scope: Scope): Promise<StartedBatch> {
  const concurrency = input.concurrency ?? DEFAULT_BATCH_CONCURRENCY;
  const target = await db.templateVersion.findFirst({
    where: { templateId, ...(input.toVersion ? { version: input.toVersion } : { deprecatedAt: null }) },
    orderBy: { version: "desc" },
    select: { id: true, version: true, deprecatedAt: true },
  });
  if (!target) throw input.toVersion ? new NotFound(`toVersion: no version ${input.toVersion}`, [{ path: "toVersion", message: `no version ${input.toVersion}` }]) : new Conflict("Every version of this template is deprecated");
  if (target.deprecatedAt) throw new Conflict(`toVersion: Version ${target.version} is deprecated`, [{ path: "toVersion", message: `version ${target.version} is deprecated` }]);

  // Named environments are each answered (one on a newer version is skipped with why); otherwise only older ones.
  const versions: Prisma.IntFilter = { ...(input.fromVersions ? { in: input.fromVersions } : {}), ...(input.environmentIds ? {} : { lt: target.version }) };
  const where: Prisma.EnvironmentWhereInput = {
    templateVersion: { templateId, version: versions },
    state: { not: "destroyed" },
    ...(scope.teamIds === "all" ? {} : { teamId: { in: scope.teamIds } }),
    ...(input.environmentIds ? { id: { in: input.environmentIds } } : {}),
  };
  // A person's batch is bounded (one request's work); a publish upgrades every environment it must.
  const limit = scope.trigger === "publish" ? undefined : MAX_BATCH_ENVIRONMENTS + 1;
  const candidates = await db.environment.findMany({ where, orderBy: { id: "asc" }, ...(limit ? { take: limit } : {}), select: { id: true } });
  if (limit && candidates.length >= limit) {
    throw new Conflict(`More than ${MAX_BATCH_ENVIRONMENTS} environments match; upgrade them in several batches (filter by fromVersions or environmentIds)`);
  }
  const result: StartedBatch = { batchId: null, toVersion: target.version, concurrency, queued: [], skipped: [], outbox: [] };
  if (input.environmentIds) {
    const found = new Set(candidates.map((c) => c.id));
    for (const id of input.environmentIds) if (!found.has(id)) result.skipped.push({ environmentId: id, name: id, reason: "not found among this template's environments you can change" });
  }

  for (const { id } of candidates) {
    // First without locks: planning may ask the cloud (live options), which must not hold rows.
    const unlocked = await db.environment.findUniqueOrThrow({ where: { id } });
    const preflight = await refusal(db, unlocked, { toVersion: target.version, live: input.live });
    if (typeof preflight === "string") {
      result.skipped.push({ environmentId: id, name: unlocked.name, reason: preflight });
      continue;
    }
    // Then each environment in its own short transaction, planned again under its lock.
    await db.$transaction(async (tx) => {
      const environment = await lockEnvironment(tx, id);
      const reason = await refusal(tx, environment, { toVersion: target.version, live: undefined });
      if (typeof reason === "string") {
        result.skipped.push({ environmentId: id, name: environment.name, reason });
        return;
      }
      result.batchId ??= await createBatch(tx, { templateId, toVersionId: target.id, concurrency, scope });
      const run = await queueUpdate(tx, reason, { actor: scope.actor, requestedById: scope.requestedById, context: input.context, batchId: result.batchId });
      result.queued.push({ environmentId: id, name: environment.name, fromVersion: reason.view.from.version, runId: run.runId });
      result.outbox.push(run.outbox);
    });
  }
  if (result.batchId) {
    await recordAuditEvent(db, {
      actor: scope.actor,
      action: "template.upgrade",
      target: { type: "template", id: templateId },
      after: { batchId: result.batchId, toVersion: target.version, concurrency, trigger: scope.trigger, queued: result.queued.length, skipped: result.skipped.length },
      ...(input.context ? { context: input.context } : {}),
    });
  }
  return result;
}

/** The planned upgrade, or why this environment is left out. */
async function refusal(tx: Tx, environment: Environment, request: { toVersion: number; live: LiveCheckDeps | undefined }) {
  try {
    const planned = await planUpgradeOf(tx, environment, request);
    return whyNot(planned) ?? planned;
  } catch (error) {
    if (error instanceof AppError) return error.message;
    throw error;
  }
}

async function createBatch(tx: Tx, input: { templateId: string; toVersionId: string; concurrency: number; scope: Scope }): Promise<string> {
  const id = newId();
  await tx.upgradeBatch.create({
    data: { id, templateId: input.templateId, toVersionId: input.toVersionId, concurrency: input.concurrency, trigger: input.scope.trigger, requestedById: input.scope.requestedById },
  });
  return id;
}

export type BatchSummary = {
  id: string;
  toVersion: number;
  concurrency: number;
  trigger: string;
  requestedBy: string | null;
  createdAt: Date;
  runs: Record<"queued" | "running" | "succeeded" | "failed" | "canceled", number>;
};

/** The template's recent batches that touched the caller's teams, with how far each got (their runs only). */
export async function listUpgradeBatches(db: Tx, caller: Caller, idOrSlug: string): Promise<BatchSummary[]> {
  const template = await getTemplate(db, caller, idOrSlug);
  const teamIds = teamIdsWith(caller, "environment:read");
  // Only batches that touched the caller's teams (or that the caller started): another team's
  // upgrades, and who asked for them, are not theirs to see.
  const batches = await db.upgradeBatch.findMany({
    where: { templateId: template.id, OR: [{ requestedById: caller.userId }, { runs: { some: { environment: { teamId: { in: teamIds } } } } }] },
    orderBy: { createdAt: "desc" },
    take: 20,
    include: { toVersion: { select: { version: true } }, requestedBy: { select: { email: true } } },
  });
  const counts = await db.run.groupBy({
    by: ["batchId", "state"],
    where: { batchId: { in: batches.map((b) => b.id) }, environment: { teamId: { in: teamIds } } },
    _count: { _all: true },
  });
  return batches.map((batch) => {
    const runs = { queued: 0, running: 0, succeeded: 0, failed: 0, canceled: 0 };
    for (const row of counts) if (row.batchId === batch.id) runs[row.state] = row._count._all;
    return {
      id: batch.id,
      toVersion: batch.toVersion.version,
      concurrency: batch.concurrency,
      trigger: batch.trigger,
      requestedBy: batch.requestedBy?.email ?? null,
      createdAt: batch.createdAt,
      runs,
    };
  });
}
