// The launch ledger in Postgres (CloudOperation rows), written through the run's fenced
// statements: an operation is recorded (with its ClientToken) in a statement of its own right
// before it is sent; what it launched is recorded with the step's next statement (a crash
// before that resends the same token, and EC2 answers with the same instances).
import type { Db } from "../db/client";
import { Prisma } from "../db/generated/client";
import { newId } from "../db/ids";
import { sqlRows } from "../db/sql";
import { HANGAR_TAGS, type CloudInstance } from "../cloud/provider";
import type { Effect } from "../runs/run-definition";
import type { PlannedGroup } from "../templates/resolve-plan";
import type { LaunchLedger, LaunchOperation, LaunchOpRequest } from "./launch-groups";

export const MANAGED_BY = "hangar";

export type LedgerScope = {
  db: Db;
  runId: string;
  environment: { id: string; name: string };
  cloudAccountId: string;
  region: string;
  commit: (...effects: Effect[]) => Promise<void>;
  defer: (effect: Effect) => void;
  /**
   * What the ledger holds, when the step already knows: [] on its first execution (an operation
   * is recorded in the same statement that records the step's start), or the operations it
   * saved when it parked, on resuming from that park (nothing can be recorded while it is parked).
   */
  known: LaunchOperation[] | null;
  /** A deploy's instances: the release they run, written out of service until their health gate passes. */
  release?: { id: string };
};

export function postgresLaunchLedger(scope: LedgerScope): LaunchLedger {
  return {
    async operations() {
      if (scope.known) return scope.known.map((op) => ({ ...op }));
      const rows = await sqlRows<{ id: string; state: LaunchOperation["state"]; request: LaunchOpRequest; response: { instanceIds?: string[] } | null }>(
        scope.db,
        Prisma.sql`
          SELECT "id", "state"::text AS "state", "request", "response" FROM "CloudOperation"
          WHERE "runId" = ${scope.runId} AND "action" = 'RunInstances' ORDER BY "createdAt", "id"`,
      );
      return rows.map((row) => ({ id: row.id, group: row.request.group, state: row.state, request: row.request, instanceIds: row.response?.instanceIds ?? null }));
    },
    record: (operation) =>
      scope.commit(
        (proceed) => Prisma.sql`
          INSERT INTO "CloudOperation" ("id", "environmentId", "runId", "action", "idempotencyToken", "request", "state", "createdAt")
          SELECT ${operation.id}, ${scope.environment.id}, ${scope.runId}, 'RunInstances', ${operation.request.clientToken},
            ${JSON.stringify(operation.request)}::jsonb, 'pending', ${new Date()}
          WHERE ${proceed}`,
      ),
    confirm: () => scope.commit(),
    launched(operation, result) {
      scope.defer(insertInstances(scope, operation, result.instances));
      const response = JSON.stringify({ reservationId: result.reservationId, instanceIds: result.instances.map((i) => i.id) });
      scope.defer(
        (held) => Prisma.sql`
          UPDATE "CloudOperation" SET "state" = 'succeeded', "completedAt" = ${new Date()}, "response" = ${response}::jsonb
          WHERE "id" = ${operation.id} AND ${held}`,
      );
    },
    async refused(operation, message) {
      scope.defer(
        (held) => Prisma.sql`
          UPDATE "CloudOperation" SET "state" = 'failed', "error" = ${message}, "completedAt" = ${new Date()}
          WHERE "id" = ${operation.id} AND ${held}`,
      );
      await scope.commit();
    },
  };
}

/** Instance rows for what a launch started (re-recording is a no-op). */
function insertInstances(scope: LedgerScope, operation: LaunchOperation, instances: CloudInstance[]): Effect {
  const { request } = operation;
  const now = new Date();
  const column = <T>(pick: (instance: CloudInstance) => T) => instances.map(pick);
  return (held) => Prisma.sql`
    INSERT INTO "Instance" ("id", "environmentId", "cloudAccountId", "region", "groupName", "cloudId", "instanceType", "imageId",
      "availabilityZone", "state", "privateIp", "publicIp", "privateDns", "publicDns", "clientToken", "launchedByRunId",
      "launchedAt", "stateChangedAt", "createdAt", "updatedAt", "releaseId", "outOfServiceAt")
    SELECT v.id, ${scope.environment.id}, ${scope.cloudAccountId}, ${scope.region}, ${operation.group}, v.cloud_id,
      COALESCE(NULLIF(v.instance_type, ''), ${request.instanceType}), COALESCE(NULLIF(v.image_id, ''), ${request.imageId}),
      v.zone, v.state, v.private_ip, v.public_ip, v.private_dns, v.public_dns, ${request.clientToken}, ${scope.runId},
      (v.launched_at::timestamptz AT TIME ZONE 'UTC'), ${now}, ${now}, ${now}, ${scope.release?.id ?? null}, ${scope.release ? now : null}::timestamp
    FROM unnest(${instances.map(() => newId())}::text[], ${column((i) => i.id)}::text[], ${column((i) => i.instanceType)}::text[],
                ${column((i) => i.imageId)}::text[], ${column((i) => i.availabilityZone ?? null)}::text[], ${column((i) => i.state)}::text[],
                ${column((i) => i.privateIp ?? null)}::text[], ${column((i) => i.publicIp ?? null)}::text[],
                ${column((i) => i.privateDns ?? null)}::text[], ${column((i) => i.publicDns ?? null)}::text[],
                ${column((i) => (i.launchTime ?? now).toISOString())}::text[])
      AS v(id, cloud_id, instance_type, image_id, zone, state, private_ip, public_ip, private_dns, public_dns, launched_at)
    WHERE ${held}
    ON CONFLICT ("cloudAccountId", "region", "cloudId") DO NOTHING`;
}

/** A new RunInstances request for a group's candidate: a fresh ClientToken, Hangar's tags on create. */
export function launchRequest(
  run: { id: string },
  environment: { id: string; name: string },
  group: PlannedGroup,
  imageId: string,
  candidate: { instanceType: string; zone?: string },
): LaunchOpRequest {
  return {
    group: group.name,
    clientToken: newId(),
    imageId,
    instanceType: candidate.instanceType,
    count: group.count,
    ...(candidate.zone ? { availabilityZone: candidate.zone } : {}),
    ...(group.subnetId ? { subnetId: group.subnetId } : {}),
    ...(group.securityGroupIds ? { securityGroupIds: group.securityGroupIds } : {}),
    ...(group.keyName ? { keyName: group.keyName } : {}),
    ...(group.publicIp !== undefined ? { associatePublicIp: group.publicIp } : {}),
    ...(group.userData ? { userData: group.userData } : {}),
    tags: {
      ...group.tags,
      Name: `${environment.name}-${group.name}`,
      [HANGAR_TAGS.environment]: environment.id,
      [HANGAR_TAGS.run]: run.id,
      [HANGAR_TAGS.managedBy]: MANAGED_BY,
      [HANGAR_TAGS.group]: group.name,
    },
  };
}
