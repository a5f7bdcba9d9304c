// Applies what one batched Describe saw to the Instance rows, in one UPDATE per pass however
// many instances changed. An id the cloud does not list yet, shortly after launch, is eventual
// consistency (kept as is), not a vanished instance.
import type { Db } from "../db/client";
import type { CloudInstance } from "../cloud/provider";
import type { RunNotifier } from "../runs/run-events";
import { sqlExecute } from "../db/sql";
import { Prisma } from "../db/generated/client";

export type TrackedInstance = {
  id: string;
  environmentId: string;
  cloudId: string;
  state: string;
  launchedAt: Date;
  lastSeenAt: Date | null;
  privateIp: string | null;
  publicIp: string | null;
  availabilityZone: string | null;
};

const SEEN_REFRESH_MS = 30_000;

export type SyncResult = { changed: number; missing: number; gone: number };

/** `readState`: the state this pass read from Postgres; the row is written only if it still holds it. */
type Row = { id: string; readState: string; state: string; privateIp: string | null; publicIp: string | null; privateDns: string | null; publicDns: string | null; zone: string | null };

export async function syncInstances(
  db: Db,
  notifier: RunNotifier,
  tracked: TrackedInstance[],
  seen: CloudInstance[],
  options: { now: Date; notFoundGraceMs: number; exceptStates?: string[] },
): Promise<SyncResult> {
  const byCloudId = new Map(seen.map((instance) => [instance.id, instance]));
  const touchedEnvironments = new Set<string>();
  const result: SyncResult = { changed: 0, missing: 0, gone: 0 };
  const rows: Row[] = [];

  for (const row of tracked) {
    const cloud = byCloudId.get(row.cloudId);
    if (!cloud) {
      // The Describe left out instances in these states: absent means unchanged.
      if (options.exceptStates?.includes(row.state)) continue;
      const lastKnown = row.lastSeenAt ?? row.launchedAt;
      if (options.now.getTime() - lastKnown.getTime() < options.notFoundGraceMs) {
        result.missing += 1;
        continue;
      }
      // Not listed for longer than EC2's consistency window: it no longer exists.
      result.gone += 1;
      touchedEnvironments.add(row.environmentId);
      rows.push({ id: row.id, readState: row.state, state: "terminated", privateIp: row.privateIp, publicIp: null, privateDns: null, publicDns: null, zone: row.availabilityZone });
      continue;
    }
    const changed =
      cloud.state !== row.state ||
      (cloud.publicIp ?? null) !== row.publicIp ||
      (cloud.privateIp ?? null) !== row.privateIp ||
      (cloud.availabilityZone ?? null) !== row.availabilityZone;
    // Unchanged rows are written only to refresh lastSeenAt now and then: the "gone" grace runs
    // from the last sighting, so a long-pending instance missing from one answer is not gone.
    if (!changed && row.lastSeenAt && options.now.getTime() - row.lastSeenAt.getTime() < SEEN_REFRESH_MS) continue;
    if (changed) {
      result.changed += 1;
      touchedEnvironments.add(row.environmentId);
    }
    rows.push({
      id: row.id,
      readState: row.state,
      state: cloud.state,
      privateIp: cloud.privateIp ?? null,
      publicIp: cloud.publicIp ?? null,
      privateDns: cloud.privateDns ?? null,
      publicDns: cloud.publicDns ?? null,
      zone: cloud.availabilityZone ?? null,
    });
  }
  if (rows.length > 0) await applyRows(db, rows, options.now);
  for (const environmentId of touchedEnvironments) notifier.environmentChanged(environmentId, "instances");
  return result;
}

// Conditional on the state read: a Describe answered before another writer moved the row on
// (terminate wrote shutting-down) must not move it back.
async function applyRows(db: Db, rows: Row[], now: Date): Promise<void> {
  const column = <K extends keyof Row>(key: K) => rows.map((row) => row[key]);
  await sqlExecute(db, Prisma.sql`
    UPDATE "Instance" AS i SET
      "state" = v.state,
      "privateIp" = v.private_ip,
      "publicIp" = v.public_ip,
      "privateDns" = v.private_dns,
      "publicDns" = v.public_dns,
      "availabilityZone" = v.zone,
      "lastSeenAt" = ${now},
      "stateChangedAt" = CASE WHEN i."state" <> v.state THEN ${now} ELSE i."stateChangedAt" END,
      "updatedAt" = ${now}
    FROM unnest(${column("id")}::text[], ${column("readState")}::text[], ${column("state")}::text[], ${column("privateIp")}::text[], ${column("publicIp")}::text[],
                ${column("privateDns")}::text[], ${column("publicDns")}::text[], ${column("zone")}::text[])
      AS v(id, read_state, state, private_ip, public_ip, private_dns, public_dns, zone)
    WHERE i.id = v.id AND i."state" = v.read_state`);
}
