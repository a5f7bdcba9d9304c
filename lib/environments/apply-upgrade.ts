// Applying an environment's upgrade: planned again under the environment's lock (what runs is
// what the checks passed), then an `update` Run carrying the target version, parameters and
// plan, and an audit event, in one transaction. Refused while the environment is not ready or
// another run is queued or running on it, and when nothing would change.
import type { Db, Tx } from "../db/client";
import type { Environment } from "../db/generated/client";
import { Conflict } from "../errors";
import { recordAuditEvent, type AuditActor, type RequestContext } from "../audit/record-audit-event";
import type { Caller } from "../identity/caller";
import type { OutboxJob } from "../queue/outbox";
import { createRun } from "../runs/create-run";
import { HIDDEN_VALUE } from "../templates/secret-parameters";
import { findWritableEnvironment } from "./find-environment";
import { planUpgradeOf, type PlannedUpgrade, type UpgradePlan, type UpgradeRequest } from "./plan-upgrade";

export type AppliedUpgrade = { environmentId: string; runId: string; outbox: OutboxJob; plan: UpgradePlan };

export async function applyUpgrade(db: Db, caller: Caller, input: UpgradeRequest & { context?: RequestContext }): Promise<AppliedUpgrade> {
  return db.$transaction(async (tx) => {
    const visible = await findWritableEnvironment(tx, caller, input.environmentId);
    const environment = await lockEnvironment(tx, visible.id);
    const planned = await planUpgradeOf(tx, environment, input);
    const refusal = whyNot(planned);
    if (refusal) throw new Conflict(refusal);
    const run = await queueUpdate(tx, planned, { actor: { id: caller.userId, email: caller.email }, requestedById: caller.userId, context: input.context });
    return { environmentId: environment.id, runId: run.runId, outbox: run.outbox, plan: planned.view };
  });
}

/** The environment's row, locked: the order every writer of an environment and its runs takes. */
export async function lockEnvironment(tx: Tx, environmentId: string): Promise<Environment> {
  await tx.$queryRaw`SELECT "id" FROM "Environment" WHERE "id" = ${environmentId} FOR UPDATE`;
  return tx.environment.findUniqueOrThrow({ where: { id: environmentId } });
}

/** Why a planned upgrade cannot be applied now, or null. */
export function whyNot(planned: PlannedUpgrade): string | null {
  if (planned.view.blockers.length > 0) return planned.view.blockers.join("; ");
  if (!planned.view.changes) return `${planned.environment.name} is already on version ${planned.view.to.version} with these parameters; there is nothing to upgrade`;
  return null;
}

/** The update run and its audit event (the caller holds the environment's lock). */
export async function queueUpdate(
  tx: Tx,
  planned: PlannedUpgrade,
  options: { actor: AuditActor; requestedById: string | null; context?: RequestContext | undefined; batchId?: string },
): Promise<{ runId: string; outbox: OutboxJob }> {
  const { environment, input, view } = planned;
  const run = await createRun(tx, {
    environmentId: environment.id,
    kind: "update",
    requestedById: options.requestedById,
    input,
    ...(options.batchId ? { batchId: options.batchId } : {}),
  });
  await recordAuditEvent(tx, {
    actor: options.actor,
    action: "environment.update",
    target: { type: "environment", id: environment.id },
    teamId: environment.teamId,
    // The plan's values hide secrets (writeOnly or named like one); the audit shows what it shows.
    before: { version: view.from.version, parameters: hiddenLike(view, environment.parameters as Record<string, unknown>) },
    after: {
      version: view.to.version,
      parameters: view.parameters.values,
      runId: run.runId,
      replaced: input.launch.filter((g) => input.retire.includes(g)),
      added: input.launch.filter((g) => !input.retire.includes(g)),
      removed: input.retire.filter((g) => !input.launch.includes(g)),
      ...(options.batchId ? { batchId: options.batchId } : {}),
    },
    ...(options.context ? { context: options.context } : {}),
  });
  return run;
}

function hiddenLike(view: UpgradePlan, values: Record<string, unknown>): Record<string, unknown> {
  const hidden = (name: string) => view.parameters.values[name] === HIDDEN_VALUE || view.parameters.removed.some((p) => p.name === name && p.value === HIDDEN_VALUE);
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [name, hidden(name) ? HIDDEN_VALUE : value]));
}
