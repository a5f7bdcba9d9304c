// The JSON shapes of the current state file format (written by snapshot-format.ts, older
// versions upgraded by snapshot-migrations.ts).
import type { AddressRecord } from "../engine/addresses";
import type { InstanceRecord } from "../engine/instance";
import type { IpAllocatorState } from "../engine/ip-allocator";
import type { NetworkRequest } from "../engine/network";

export type StoredInstance = Omit<InstanceRecord, "tags"> & { tags: [string, string][] };

export const SNAPSHOT_VERSION = 2;

export type StoredAddress = Omit<AddressRecord, "tags"> & { tags: [string, string][] };

export interface StoredToken {
  token: string;
  hash: string;
  reservationId: string;
  instanceIds: string[];
  releasedAt: number | null;
}

export interface StoredPartition {
  account: string;
  region: string;
  nextSeq: number;
  ips: IpAllocatorState;
  instances: StoredInstance[];
  tokens: StoredToken[];
  network?: NetworkRequest[];
  addresses: StoredAddress[];
}

export interface SnapshotV2 {
  version: typeof SNAPSHOT_VERSION;
  savedAt: string;
  partitions: StoredPartition[];
}
