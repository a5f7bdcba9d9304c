// Upgrades state files written by older sandboxes to the current format, so a restart after an
// upgrade keeps every instance. Each step fills what its version did not record with what that
// version behaved as.
import { defaultBehaviour } from "../engine/user-data-markers";
import { SNAPSHOT_VERSION, type SnapshotV2, type StoredInstance, type StoredPartition } from "./stored-state";

/**
 * Version 1: no Elastic IPs, no user-data behaviour, and files from before networks were modelled
 * also lack associatePublicIp (every instance had a public address then).
 */
type StoredInstanceV1 = Omit<StoredInstance, "associatePublicIp" | "elasticAllocationId" | "behaviour"> & {
  associatePublicIp?: boolean;
};

interface SnapshotV1 {
  version: 1;
  savedAt: string;
  partitions: (Omit<StoredPartition, "instances" | "addresses"> & { instances: StoredInstanceV1[] })[];
}

export type AnySnapshot = SnapshotV1 | SnapshotV2;

function fromV1(snapshot: SnapshotV1): SnapshotV2 {
  return {
    version: SNAPSHOT_VERSION,
    savedAt: snapshot.savedAt,
    partitions: snapshot.partitions.map((p) => ({
      ...p,
      addresses: [],
      instances: p.instances.map((i) => ({
        ...i,
        associatePublicIp: i.associatePublicIp ?? true,
        elasticAllocationId: null,
        behaviour: defaultBehaviour(),
      })),
    })),
  };
}

export function upgradeSnapshot(snapshot: AnySnapshot): SnapshotV2 {
  const version = (snapshot as { version?: unknown }).version;
  if (version === 1) return fromV1(snapshot as SnapshotV1);
  if (version === SNAPSHOT_VERSION) return snapshot as SnapshotV2;
  throw new Error(`unsupported sandbox snapshot version ${String(version)}`);
}
