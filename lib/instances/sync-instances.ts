// What one batched Describe saw, as the Instance rows to write. An id the cloud does not list yet,
// shortly after launch, is eventual consistency (kept as is), not a vanished instance. The poller
// writes the rows of every scope of a pass in one statement (instance-waits.ts).
import type { CloudInstance } from "../cloud/provider";

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

/** `readState`: the state the pass read from Postgres; the row is written only if it still holds it. */
export type SyncRow = { id: string; readState: string; state: string; privateIp: string | null; publicIp: string | null; privateDns: string | null; publicDns: string | null; zone: string | null };

export type SyncPlan = { rows: SyncRow[]; touchedEnvironments: Set<string>; result: SyncResult };

export function planSync(tracked: TrackedInstance[], seen: CloudInstance[], options: { now: Date; notFoundGraceMs: number; exceptStates?: string[] }): SyncPlan {
  const byCloudId = new Map(seen.map((instance) => [instance.id, instance]));
  const touchedEnvironments = new Set<string>();
  const result: SyncResult = { changed: 0, missing: 0, gone: 0 };
  const rows: SyncRow[] = [];

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
  return { rows, touchedEnvironments, result };
}
