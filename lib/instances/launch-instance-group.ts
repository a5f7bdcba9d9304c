// Launches one instance group of a run, safely repeatable: the RunInstances request and its
// ClientToken are committed to Postgres BEFORE the call, so a crash or a lost response is
// resolved by sending the very same request again (EC2 answers with the same instances).
// Capacity errors move on to the template's alternatives (other type / zone), each attempt a
// new recorded operation with its own token.
import type { Db } from "../db/client";
import { Prisma, type CloudOperation } from "../db/generated/client";
import { newId } from "../db/ids";
import { isCloudError } from "../cloud/errors";
import { HANGAR_TAGS, type CloudInstance, type CloudProvider, type LaunchRequest } from "../cloud/provider";
import { CloudFailure } from "../errors";
import type { PlannedGroup } from "../templates/resolve-plan";
import { sqlExecute, sqlRows } from "../db/sql";

export const MANAGED_BY = "hangar";

export type LaunchGroupInput = {
  db: Db;
  provider: CloudProvider;
  cloudAccountId: string;
  environment: { id: string; name: string };
  runId: string;
  group: PlannedGroup;
  imageId: string;
  log: (message: string, level?: "info" | "warn") => Promise<void>;
  /** The first RunInstances spends a request the caller reserved (CloudProvider.reserveRequest). */
  prepaid?: boolean;
  /** The group's recorded operations, when the caller already read them (groupLaunchState). */
  operations?: GroupOperation[];
};

type LaunchOpRequest = LaunchRequest & { group: string };

export function launchCandidates(group: PlannedGroup): { instanceType: string; zone?: string }[] {
  const types = [group.instanceType, ...group.alternatives.instanceTypes.filter((t) => t !== group.instanceType)];
  // A subnet lives in one zone: with a subnet, naming another zone is an error, not a fallback.
  const zones: (string | undefined)[] = group.alternatives.zones.length > 0 && !group.subnetId ? group.alternatives.zones : [undefined];
  return types.flatMap((instanceType) => zones.map((zone) => ({ instanceType, ...(zone ? { zone } : {}) })));
}

type GroupOperation = Pick<CloudOperation, "id" | "state" | "request" | "response">;

function groupOperations(db: Db, runId: string, groupName: string): Promise<GroupOperation[]> {
  return sqlRows<GroupOperation>(db, Prisma.sql`
    SELECT "id", "state"::text AS "state", "request", "response" FROM "CloudOperation"
    WHERE "runId" = ${runId} AND "action" = 'RunInstances' AND "request"->>'group' = ${groupName}
    ORDER BY "createdAt"`);
}

/** What this run recorded for a group: the launched ids when done, else the operations so far. */
export async function groupLaunchState(db: Db, runId: string, groupName: string): Promise<{ launched: string[] | null; operations: GroupOperation[] }> {
  const operations = await groupOperations(db, runId, groupName);
  const done = operations.find((op) => op.state === "succeeded");
  return { launched: done ? (done.response as { instanceIds: string[] }).instanceIds : null, operations };
}

/** Returns the cloud ids of the group's instances (launching them only if not done yet). */
export async function launchInstanceGroup(input: LaunchGroupInput): Promise<string[]> {
  const { db, environment, runId, group } = input;
  const operations = input.operations ?? (await groupOperations(db, runId, group.name));
  const done = operations.find((op) => op.state === "succeeded");
  if (done) return (done.response as { instanceIds: string[] }).instanceIds;
  let prepaid = input.prepaid ?? false;

  const candidates = launchCandidates(group);
  const pending = operations.find((op) => op.state === "pending");
  let attempt = operations.length - (pending ? 1 : 0);
  let request: LaunchOpRequest | undefined = pending ? (pending.request as unknown as LaunchOpRequest) : undefined;
  let operationId = pending?.id;

  for (;;) {
    if (!request || !operationId) {
      const candidate = candidates[attempt];
      if (!candidate) {
        throw new CloudFailure(`No capacity for group ${group.name}: tried ${candidates.map((c) => `${c.instanceType}${c.zone ? ` in ${c.zone}` : ""}`).join(", ")}`);
      }
      request = buildRequest(input, candidate);
      operationId = newId();
      await sqlExecute(db, Prisma.sql`
        INSERT INTO "CloudOperation" ("id", "environmentId", "runId", "action", "idempotencyToken", "request", "state", "createdAt")
        VALUES (${operationId}, ${environment.id}, ${runId}, 'RunInstances', ${request.clientToken}, ${JSON.stringify(request)}::jsonb, 'pending', ${new Date()})`);
      await input.log(`Launching ${request.count} × ${request.instanceType} for group ${group.name}${request.availabilityZone ? ` in ${request.availabilityZone}` : ""} (client token ${request.clientToken})`);
    } else {
      await input.log(`Resending the recorded launch for group ${group.name} with the same client token ${request.clientToken}`);
    }

    try {
      const { group: _group, ...launch } = request;
      const result = await input.provider.launch(launch, { prepaid });
      prepaid = false;
      await recordLaunched(input, operationId, request, result.instances, result.reservationId);
      await input.log(`Group ${group.name}: ${result.instances.map((i) => i.id).join(", ")} ${result.instances.length === 1 ? "is" : "are"} ${result.instances[0]?.state ?? "pending"}`);
      return result.instances.map((i) => i.id);
    } catch (error) {
      prepaid = false;
      if (isCloudError(error) && error.kind === "capacity") {
        await db.cloudOperation.update({ where: { id: operationId }, data: { state: "failed", error: error.message, completedAt: new Date() } });
        await input.log(`No capacity for ${request.instanceType}${request.availabilityZone ? ` in ${request.availabilityZone}` : ""}: ${error.message}`, "warn");
        attempt += 1;
        request = undefined;
        operationId = undefined;
        continue;
      }
      if (isCloudError(error) && !error.retryable) {
        await db.cloudOperation.update({ where: { id: operationId }, data: { state: "failed", error: error.message, completedAt: new Date() } });
      }
      // Retryable errors leave the operation pending: the retried job resends the same token.
      throw error;
    }
  }
}

function buildRequest(input: LaunchGroupInput, candidate: { instanceType: string; zone?: string }): LaunchOpRequest {
  const { group, environment } = input;
  return {
    group: group.name,
    clientToken: newId(),
    imageId: input.imageId,
    instanceType: candidate.instanceType,
    count: group.count,
    ...(candidate.zone ? { availabilityZone: candidate.zone } : {}),
    ...(group.subnetId ? { subnetId: group.subnetId } : {}),
    ...(group.securityGroupIds ? { securityGroupIds: group.securityGroupIds } : {}),
    ...(group.keyName ? { keyName: group.keyName } : {}),
    ...(group.userData ? { userData: group.userData } : {}),
    tags: {
      ...group.tags,
      Name: `${environment.name}-${group.name}`,
      [HANGAR_TAGS.environment]: environment.id,
      [HANGAR_TAGS.run]: input.runId,
      [HANGAR_TAGS.managedBy]: MANAGED_BY,
      [HANGAR_TAGS.group]: group.name,
    },
  };
}

/** Instance rows and the operation's success in one statement (re-recording is a no-op). */
async function recordLaunched(input: LaunchGroupInput, operationId: string, request: LaunchOpRequest, instances: CloudInstance[], reservationId?: string): Promise<void> {
  const now = new Date();
  const column = <T>(pick: (instance: CloudInstance) => T) => instances.map(pick);
  const response = JSON.stringify({ reservationId, instanceIds: instances.map((i) => i.id) });
  await sqlExecute(input.db, Prisma.sql`
    WITH launched AS (
      INSERT INTO "Instance" ("id", "environmentId", "cloudAccountId", "region", "groupName", "cloudId", "instanceType", "imageId",
        "availabilityZone", "state", "privateIp", "publicIp", "privateDns", "publicDns", "clientToken", "launchedByRunId",
        "launchedAt", "stateChangedAt", "createdAt", "updatedAt")
      SELECT v.id, ${input.environment.id}, ${input.cloudAccountId}, ${input.provider.region}, ${input.group.name}, v.cloud_id,
        COALESCE(NULLIF(v.instance_type, ''), ${request.instanceType}), COALESCE(NULLIF(v.image_id, ''), ${request.imageId}),
        v.zone, v.state, v.private_ip, v.public_ip, v.private_dns, v.public_dns, ${request.clientToken}, ${input.runId},
        (v.launched_at::timestamptz AT TIME ZONE 'UTC'), ${now}, ${now}, ${now}
      FROM unnest(${instances.map(() => newId())}::text[], ${column((i) => i.id)}::text[], ${column((i) => i.instanceType)}::text[],
                  ${column((i) => i.imageId)}::text[], ${column((i) => i.availabilityZone ?? null)}::text[], ${column((i) => i.state)}::text[],
                  ${column((i) => i.privateIp ?? null)}::text[], ${column((i) => i.publicIp ?? null)}::text[],
                  ${column((i) => i.privateDns ?? null)}::text[], ${column((i) => i.publicDns ?? null)}::text[],
                  ${column((i) => (i.launchTime ?? now).toISOString())}::text[])
        AS v(id, cloud_id, instance_type, image_id, zone, state, private_ip, public_ip, private_dns, public_dns, launched_at)
      ON CONFLICT ("cloudAccountId", "region", "cloudId") DO NOTHING)
    UPDATE "CloudOperation" SET "state" = 'succeeded', "completedAt" = ${now}, "response" = ${response}::jsonb WHERE "id" = ${operationId}`);
}
