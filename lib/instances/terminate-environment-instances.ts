// Terminates everything an environment owns in the cloud, including instances whose launch
// response never arrived: every launch is tagged on create with the environment's id, so one
// DescribeInstances by that tag finds what a pending launch started (matched by its
// ClientToken) without sending RunInstances again, which would start now what never reached
// the cloud and could fail for reasons unrelated to destroying. Launches recorded as failed
// were refused by the cloud, so nothing else can exist.
//
// Writes go through the run's fenced statements: the TerminateInstances operation is recorded
// before it is sent, and what it changed is written with the step's next statement (a crash in
// between terminates again, which EC2 allows).
import type { Db } from "../db/client";
import { Prisma } from "../db/generated/client";
import { newId } from "../db/ids";
import { sqlRows } from "../db/sql";
import { HANGAR_TAGS, type CloudProvider, type LaunchRequest, type StateChange } from "../cloud/provider";
import type { Effect } from "../runs/run-definition";

export type TerminateInput = {
  db: Db;
  provider: CloudProvider;
  cloudAccountId: string;
  environmentId: string;
  runId: string;
  notFoundGraceMs: number;
  log: (message: string, level?: "info" | "warn") => void;
  commit: (...effects: Effect[]) => Promise<void>;
  defer: (effect: Effect) => void;
  /** Proves the run is still ours if the last write was a while ago (see StepContext.fresh). */
  fresh?: () => Promise<void>;
  /**
   * Only part of the environment (an update retiring replaced groups, or undoing its launches):
   * instances and unconfirmed launches of `groups`, launched by `launchedByRun`, or by any run
   * but `notLaunchedByRun`. Everything when absent.
   */
  only?: TerminateScope;
};

/** `cloudIds`: exactly these recorded instances (no unconfirmed launch is looked for). */
export type TerminateScope = { groups?: string[]; launchedByRun?: string; notLaunchedByRun?: string; cloudIds?: string[] };

export type TerminateOutcome = { status: "done"; terminated: string[] } | { status: "wait"; unseen: string[] };

type LiveRow = { cloudId: string; launchedAt: Date };
type PendingLaunch = { id: string; runId: string; idempotencyToken: string; request: LaunchRequest & { group: string }; createdAt: string };
/** An instance a pending launch started, found by its ClientToken: recorded with its new state. */
type Found = { cloudId: string; group: string; runId: string; request: LaunchRequest; zone: string | null; state: string };

export async function terminateEnvironmentInstances(input: TerminateInput): Promise<TerminateOutcome> {
  const { live, pending } = await readState(input);
  const { found, unresolved } = await resolvePendingLaunches(input, pending);
  const targets = [...live.map((row) => ({ cloudId: row.cloudId, launchedAt: row.launchedAt.getTime() })), ...found.map((f) => ({ cloudId: f.cloudId, launchedAt: Date.now() }))];
  if (targets.length === 0) {
    if (unresolved.length > 0) return { status: "wait", unseen: unresolved };
    input.log("Nothing left to terminate");
    return { status: "done", terminated: [] };
  }

  const ids = targets.map((t) => t.cloudId);
  const operationId = newId();
  await input.commit(
    (proceed) => Prisma.sql`
      INSERT INTO "CloudOperation" ("id", "environmentId", "runId", "action", "idempotencyToken", "request", "state", "createdAt")
      SELECT ${operationId}, ${input.environmentId}, ${input.runId}, 'TerminateInstances', ${operationId}, ${JSON.stringify({ instanceIds: ids })}::jsonb, 'pending', ${new Date()}
      WHERE ${proceed}`,
  );
  input.log(`Terminating ${ids.join(", ")}`);
  await input.fresh?.();
  const changes = await input.provider.terminate(ids);

  // EC2 answers NotFound for an instance it launched moments ago but does not list yet; that is
  // not "already gone". Such ids are left as they are and terminated again on the next try.
  const launchedAt = new Map(targets.map((t) => [t.cloudId, t.launchedAt]));
  const notVisibleYet = changes.filter((c) => c.previousState === undefined && Date.now() - (launchedAt.get(c.id) ?? 0) < input.notFoundGraceMs).map((c) => c.id);
  const applied = changes.filter((c) => !notVisibleYet.includes(c.id));
  const stateOf = new Map(applied.map((c) => [c.id, c.currentState as string]));
  for (const instance of found) instance.state = stateOf.get(instance.cloudId) ?? instance.state;
  if (found.length > 0) input.defer(insertFound(input, found));
  if (applied.length > 0) input.defer(applyChanges(input.environmentId, applied.filter((c) => !found.some((f) => f.cloudId === c.id))));
  input.defer(
    (held) => Prisma.sql`
      UPDATE "CloudOperation" SET "state" = 'succeeded', "completedAt" = ${new Date()}, "response" = ${JSON.stringify({ changes })}::jsonb
      WHERE "id" = ${operationId} AND ${held}`,
  );
  if (notVisibleYet.length > 0 || unresolved.length > 0) return { status: "wait", unseen: [...notVisibleYet, ...unresolved] };
  return { status: "done", terminated: ids };
}

/** Live instances and unconfirmed launches, in one read. */
async function readState(input: TerminateInput): Promise<{ live: LiveRow[]; pending: PendingLaunch[] }> {
  const groups = input.only?.groups ?? null;
  const byRun = input.only?.launchedByRun ?? null;
  const notByRun = input.only?.notLaunchedByRun ?? null;
  const cloudIds = input.only?.cloudIds ?? null;
  const [row] = await sqlRows<{ live: { cloudId: string; launchedAt: string }[] | null; pending: PendingLaunch[] | null }>(
    input.db,
    Prisma.sql`
      SELECT
        (SELECT json_agg(json_build_object('cloudId', i."cloudId", 'launchedAt', i."launchedAt") ORDER BY i."launchedAt")
           FROM "Instance" i WHERE i."environmentId" = ${input.environmentId} AND i."state" NOT IN ('terminated', 'shutting-down')
             AND (${groups}::text[] IS NULL OR i."groupName" = ANY(${groups}::text[]))
             AND (${byRun}::text IS NULL OR i."launchedByRunId" = ${byRun}::text)
             AND (${notByRun}::text IS NULL OR i."launchedByRunId" <> ${notByRun}::text)
             AND (${cloudIds}::text[] IS NULL OR i."cloudId" = ANY(${cloudIds}::text[]))) AS live,
        (SELECT json_agg(json_build_object('id', o."id", 'runId', o."runId", 'idempotencyToken', o."idempotencyToken", 'request', o."request", 'createdAt', o."createdAt"))
           FROM "CloudOperation" o WHERE o."environmentId" = ${input.environmentId} AND o."action" = 'RunInstances' AND o."state" = 'pending'
             AND (${groups}::text[] IS NULL OR o."request"->>'group' = ANY(${groups}::text[]))
             AND (${byRun}::text IS NULL OR o."runId" = ${byRun}::text)
             AND (${notByRun}::text IS NULL OR o."runId" <> ${notByRun}::text)
             AND ${cloudIds}::text[] IS NULL) AS pending`,
  );
  return {
    // json timestamps come without a zone: they are UTC.
    live: (row?.live ?? []).map((r) => ({ cloudId: r.cloudId, launchedAt: new Date(`${r.launchedAt}Z`) })),
    pending: row?.pending ?? [],
  };
}

/**
 * Settles RunInstances operations whose answer never arrived. Tag filters are eventually
 * consistent too: a launch younger than the grace period with nothing found is waited for;
 * older, it never reached the cloud.
 */
async function resolvePendingLaunches(input: TerminateInput, pending: PendingLaunch[]): Promise<{ found: Found[]; unresolved: string[] }> {
  if (pending.length === 0) return { found: [], unresolved: [] };
  const tagged = await input.provider.describeInstances({ tags: { [HANGAR_TAGS.environment]: input.environmentId } });
  const found: Found[] = [];
  const unresolved: string[] = [];
  for (const op of pending) {
    const { group, ...request } = op.request;
    const started = tagged.filter((instance) => instance.clientToken === op.idempotencyToken);
    if (started.length > 0) {
      input.log(`Launch ${op.idempotencyToken} for group ${group} was never confirmed; it started ${started.map((i) => i.id).join(", ")}`, "warn");
      found.push(...started.map((i) => ({ cloudId: i.id, group, runId: op.runId, request, zone: i.availabilityZone ?? null, state: i.state })));
      const response = JSON.stringify({ instanceIds: started.map((i) => i.id), resolvedBy: "DescribeInstances" });
      input.defer((held) => Prisma.sql`UPDATE "CloudOperation" SET "state" = 'succeeded', "completedAt" = ${new Date()}, "response" = ${response}::jsonb WHERE "id" = ${op.id} AND ${held}`);
    } else if (Date.now() - new Date(`${op.createdAt}Z`).getTime() >= input.notFoundGraceMs) {
      input.log(`Launch ${op.idempotencyToken} for group ${group} was never confirmed and nothing carries its token: it never reached the cloud`, "warn");
      input.defer(
        (held) => Prisma.sql`UPDATE "CloudOperation" SET "state" = 'failed', "completedAt" = ${new Date()}, "error" = 'Never reached the cloud (resolved when destroying)' WHERE "id" = ${op.id} AND ${held}`,
      );
    } else {
      unresolved.push(op.idempotencyToken);
    }
  }
  return { found, unresolved };
}

function insertFound(input: TerminateInput, found: Found[]): Effect {
  const now = new Date();
  const column = <T>(pick: (f: Found) => T) => found.map(pick);
  return (held) => Prisma.sql`
    INSERT INTO "Instance" ("id", "environmentId", "cloudAccountId", "region", "groupName", "cloudId", "instanceType", "imageId",
      "availabilityZone", "state", "clientToken", "launchedByRunId", "launchedAt", "stateChangedAt", "createdAt", "updatedAt")
    SELECT v.id, ${input.environmentId}, ${input.cloudAccountId}, ${input.provider.region}, v.grp, v.cloud_id, v.instance_type, v.image_id,
      v.zone, v.state, v.token, v.run_id, ${now}, ${now}, ${now}, ${now}
    FROM unnest(${found.map(() => newId())}::text[], ${column((f) => f.group)}::text[], ${column((f) => f.cloudId)}::text[],
                ${column((f) => f.request.instanceType)}::text[], ${column((f) => f.request.imageId)}::text[], ${column((f) => f.zone)}::text[],
                ${column((f) => f.state)}::text[], ${column((f) => f.request.clientToken)}::text[], ${column((f) => f.runId)}::text[])
      AS v(id, grp, cloud_id, instance_type, image_id, zone, state, token, run_id)
    WHERE ${held}
    ON CONFLICT ("cloudAccountId", "region", "cloudId") DO NOTHING`;
}

function applyChanges(environmentId: string, changes: StateChange[]): Effect {
  const now = new Date();
  return (held) => Prisma.sql`
    UPDATE "Instance" AS i SET "state" = v.state, "stateChangedAt" = ${now}, "updatedAt" = ${now}
    FROM unnest(${changes.map((c) => c.id)}::text[], ${changes.map((c) => c.currentState)}::text[]) AS v(cloud_id, state)
    WHERE i."environmentId" = ${environmentId} AND i."cloudId" = v.cloud_id AND i."state" <> 'terminated' AND ${held}`;
}
