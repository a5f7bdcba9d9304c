// The on-disk form of the sandbox state. Timestamps are absolute, so instances continue their
// transitions after a restart as if the process had never stopped. The default network is
// derived again from account + region; only what the admin API added is stored, as the requests
// that added it (replayed in order, they give the same ids). Older files are upgraded on load
// (snapshot-migrations.ts).
import { findRegion } from "../catalog/regions";
import type { CloudState } from "../engine/cloud-state";
import type { InstanceRecord } from "../engine/instance";
import { IpAllocator } from "../engine/ip-allocator";
import { NetworkInputError } from "../engine/network";
import { Partition } from "../engine/partition";
import { upgradeSnapshot, type AnySnapshot } from "./snapshot-migrations";
import { SNAPSHOT_VERSION, type SnapshotV2, type StoredInstance, type StoredPartition, type StoredToken } from "./stored-state";

function storePartition(p: Partition): StoredPartition {
  const records = new Map<string, InstanceRecord>();
  for (const instance of p.ordered) if (!instance.purged) records.set(instance.id, instance);
  const tokens: StoredToken[] = [];
  for (const [token, entry] of p.byClientToken) {
    for (const instance of entry.instances) records.set(instance.id, instance);
    tokens.push({
      token,
      hash: entry.hash,
      reservationId: entry.reservationId,
      instanceIds: entry.instances.map((i) => i.id),
      releasedAt: entry.releasedAt,
    });
  }
  const instances = [...records.values()]
    .sort((a, b) => a.seq - b.seq)
    .map((i): StoredInstance => ({ ...i, tags: [...i.tags] }));
  return {
    account: p.account,
    region: p.region.name,
    nextSeq: p.nextSeq,
    ips: p.ips.toJSON(),
    instances,
    tokens,
    network: [...p.network.added],
    addresses: [...p.addresses.values()].map((a) => ({ ...a, tags: [...a.tags] })),
  };
}

export function toSnapshot(state: CloudState, now: number): SnapshotV2 {
  return { version: SNAPSHOT_VERSION, savedAt: new Date(now).toISOString(), partitions: state.all().map(storePartition) };
}

export function fromSnapshot(file: AnySnapshot, state: CloudState): void {
  const snapshot = upgradeSnapshot(file);
  for (const stored of snapshot.partitions) {
    const region = findRegion(stored.region);
    if (region === undefined) continue;
    const partition = new Partition(stored.account, region);
    for (const request of stored.network ?? []) {
      try {
        partition.network.apply(request);
      } catch (error) {
        // A request the current rules refuse is skipped rather than losing the whole file.
        if (!(error instanceof NetworkInputError)) throw error;
      }
    }
    partition.nextSeq = stored.nextSeq;
    partition.ips = IpAllocator.fromJSON(stored.ips);
    const byId = new Map<string, InstanceRecord>();
    const live: InstanceRecord[] = [];
    for (const s of stored.instances) {
      const instance: InstanceRecord = { ...s, tags: new Map(s.tags) };
      byId.set(instance.id, instance);
      if (!instance.purged) live.push(instance);
      if (instance.publicIp !== null) partition.ips.claimPublic(instance.publicIp);
    }
    partition.add(live);
    for (const a of stored.addresses) {
      partition.addresses.set(a.allocationId, { ...a, tags: new Map(a.tags) });
      partition.ips.claimPublic(a.publicIp);
    }
    for (const t of stored.tokens) {
      const instances = t.instanceIds.flatMap((id) => byId.get(id) ?? []);
      partition.restoreToken(t.token, {
        hash: t.hash,
        reservationId: t.reservationId,
        instances,
        releasedAt: t.releasedAt,
      });
    }
    state.put(partition);
  }
}
