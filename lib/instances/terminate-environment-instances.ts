// Terminates everything an environment owns in the cloud, including instances whose launch
// response never arrived: pending launches are resolved by resending their recorded request
// (same ClientToken, so EC2 returns what it launched, or launches it now so it can be
// terminated). Launches recorded as failed were refused by the cloud, so nothing else can exist;
// tagged resources with no record at all are the reconciler's orphan report, not this step's.
import type { Db } from "../db/client";
import { newId } from "../db/ids";
import { toJson } from "../db/json";
import type { CloudProvider, LaunchRequest } from "../cloud/provider";

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
  await resolvePendingLaunches(input);

  const live = await db.instance.findMany({ where: { environmentId, state: { not: "terminated" } }, select: { id: true, cloudId: true, launchedAt: true } });
  if (live.length === 0) {
    await input.log("No instances to terminate");
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
  if (notVisibleYet.length > 0) return { status: "wait", unseen: notVisibleYet };
  return { status: "done", terminated: ids };
}

async function resolvePendingLaunches(input: TerminateInput): Promise<void> {
  const pending = await input.db.cloudOperation.findMany({ where: { environmentId: input.environmentId, action: "RunInstances", state: "pending" } });
  for (const op of pending) {
    const { group, ...request } = op.request as unknown as LaunchRequest & { group: string };
    await input.log(`Launch ${op.idempotencyToken} for group ${group} never confirmed; resending it to learn what it launched`, "warn");
    const result = await input.provider.launch(request);
    await recordInstances(input, group, op.runId, request, result.instances.map((i) => ({ id: i.id, state: i.state, zone: i.availabilityZone })));
    await input.db.cloudOperation.update({
      where: { id: op.id },
      data: { state: "succeeded", completedAt: new Date(), response: toJson({ reservationId: result.reservationId, instanceIds: result.instances.map((i) => i.id) }) },
    });
  }
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
