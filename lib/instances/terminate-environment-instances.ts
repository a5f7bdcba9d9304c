// Terminates everything an environment owns in the cloud, including instances whose launch
// response never arrived: every launch is tagged on create with the environment's id, so one
// DescribeInstances by that tag finds what a pending launch started (matched by its
// ClientToken) without sending RunInstances again, which would start now what never reached
// the cloud and could fail for reasons unrelated to destroying. Launches recorded as failed
// were refused by the cloud, so nothing else can exist.
import type { Db } from "../db/client";
import { newId } from "../db/ids";
import { toJson } from "../db/json";
import { HANGAR_TAGS, type CloudProvider, type LaunchRequest } from "../cloud/provider";

export type TerminateInput = {
  db: Db;
  provider: CloudProvider;
  cloudAccountId: string;
  environmentId: string;
  runId: string;
  log: (message: string, level?: "info" | "warn") => Promise<void>;
};

export type TerminateOutcome = { status: "done"; terminated: string[] } | { status: "wait"; unseen: string[] };

export async function terminateEnvironmentInstances(input: TerminateInput & { notFoundGraceMs: number }): Promise<TerminateOutcome> {
  const { db, provider, environmentId } = input;
  const unresolved = await resolvePendingLaunches(input);

  // Instances already shutting down (an earlier pass of this step) are not terminated again.
  const live = await db.instance.findMany({ where: { environmentId, state: { notIn: ["terminated", "shutting-down"] } }, select: { id: true, cloudId: true, launchedAt: true } });
  if (live.length === 0) {
    if (unresolved.length > 0) return { status: "wait", unseen: unresolved };
    await input.log("Nothing left to terminate");
    return { status: "done", terminated: [] };
  }
  const ids = live.map((row) => row.cloudId);
  const operationId = newId();
  await db.cloudOperation.create({
    data: { id: operationId, environmentId, runId: input.runId, action: "TerminateInstances", idempotencyToken: operationId, request: toJson({ instanceIds: ids }), state: "pending" },
  });
  await input.log(`Terminating ${ids.join(", ")}`);
  const changes = await provider.terminate(ids);
  // EC2 answers NotFound for an instance it launched moments ago but does not list yet; that is
  // not "already gone". Such ids are left as they are and terminated again on the next try.
  const launchedAt = new Map(live.map((row) => [row.cloudId, row.launchedAt.getTime()]));
  const notVisibleYet = changes
    .filter((change) => change.previousState === undefined && Date.now() - (launchedAt.get(change.id) ?? 0) < input.notFoundGraceMs)
    .map((change) => change.id);
  const applied = changes.filter((change) => !notVisibleYet.includes(change.id));
  const now = new Date();
  await db.$transaction([
    ...applied.map((change) =>
      db.instance.updateMany({
        where: { environmentId, cloudId: change.id, state: { not: "terminated" } },
        data: { state: change.currentState, stateChangedAt: now },
      }),
    ),
    db.cloudOperation.update({ where: { id: operationId }, data: { state: "succeeded", completedAt: now, response: toJson({ changes }) } }),
  ]);
  if (notVisibleYet.length > 0 || unresolved.length > 0) return { status: "wait", unseen: [...notVisibleYet, ...unresolved] };
  return { status: "done", terminated: ids };
}

/**
 * Settles RunInstances operations whose answer never arrived; returns the tokens still unknown.
 * Tag filters are eventually consistent too: a launch younger than the grace period with nothing
 * found is waited for; older, it never reached the cloud.
 */
async function resolvePendingLaunches(input: TerminateInput & { notFoundGraceMs: number }): Promise<string[]> {
  const pending = await input.db.cloudOperation.findMany({ where: { environmentId: input.environmentId, action: "RunInstances", state: "pending" } });
  if (pending.length === 0) return [];
  const tagged = await input.provider.describeInstances({ tags: { [HANGAR_TAGS.environment]: input.environmentId } });
  const unresolved: string[] = [];
  for (const op of pending) {
    const { group, ...request } = op.request as unknown as LaunchRequest & { group: string };
    const found = tagged.filter((instance) => instance.clientToken === op.idempotencyToken);
    if (found.length > 0) {
      await input.log(`Launch ${op.idempotencyToken} for group ${group} was never confirmed; it started ${found.map((i) => i.id).join(", ")}`, "warn");
      await recordInstances(input, group, op.runId, request, found.map((i) => ({ id: i.id, state: i.state, zone: i.availabilityZone })));
      await input.db.cloudOperation.update({
        where: { id: op.id },
        data: { state: "succeeded", completedAt: new Date(), response: toJson({ instanceIds: found.map((i) => i.id), resolvedBy: "DescribeInstances" }) },
      });
    } else if (Date.now() - op.createdAt.getTime() >= input.notFoundGraceMs) {
      await input.log(`Launch ${op.idempotencyToken} for group ${group} was never confirmed and nothing carries its token: it never reached the cloud`, "warn");
      await input.db.cloudOperation.update({ where: { id: op.id }, data: { state: "failed", completedAt: new Date(), error: "Never reached the cloud (resolved when destroying)" } });
    } else {
      unresolved.push(op.idempotencyToken);
    }
  }
  return unresolved;
}

async function recordInstances(
  input: TerminateInput,
  group: string,
  runId: string,
  request: Pick<LaunchRequest, "clientToken" | "imageId" | "instanceType">,
  instances: { id: string; state: string; zone?: string }[],
): Promise<void> {
  const now = new Date();
  for (const instance of instances) {
    await input.db.instance.upsert({
      where: { cloudAccountId_region_cloudId: { cloudAccountId: input.cloudAccountId, region: input.provider.region, cloudId: instance.id } },
      create: {
        id: newId(),
        environmentId: input.environmentId,
        cloudAccountId: input.cloudAccountId,
        region: input.provider.region,
        groupName: group,
        cloudId: instance.id,
        instanceType: request.instanceType,
        imageId: request.imageId,
        availabilityZone: instance.zone ?? null,
        state: instance.state,
        clientToken: request.clientToken,
        launchedByRunId: runId,
        launchedAt: now,
        stateChangedAt: now,
      },
      update: {},
    });
  }
}
