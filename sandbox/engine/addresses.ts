// Elastic IPs of one account+region. An address is allocated from the region's public pool and
// stays the account's until released; associating it makes it the instance's public address (the
// instance's own auto-assigned one goes back to the pool), and disassociating gives the instance
// a fresh auto-assigned address if its launch asked for one, as EC2 does.
import type { Random } from "./random";
import { stateAt, type InstanceRecord } from "./instance";
import type { IpAllocator } from "./ip-allocator";

export interface AddressRecord {
  allocationId: string;
  publicIp: string;
  tags: Map<string, string>;
  allocatedAt: number;
  /** Set while associated. */
  associationId: string | null;
  instanceId: string | null;
}

/** What association changes need from the partition (kept narrow so this stays testable). */
export interface AddressScope {
  ips: IpAllocator;
  addresses: Map<string, AddressRecord>;
  byId: Map<string, InstanceRecord>;
  random: Random;
  publicIpPrefixes: readonly number[];
  now: number;
}

/** The address an instance shows: its EIP from pending to stopped, its own one only while running. */
export function visiblePublicIp(instance: InstanceRecord, now: number): string | null {
  const state = stateAt(instance, now);
  if (instance.elasticAllocationId !== null) return state === "terminated" || state === "shutting-down" ? null : instance.publicIp;
  return state === "running" ? instance.publicIp : null;
}

/** Detaches `address` from its instance; the instance gets an auto-assigned address back if it had one and is running. */
export function disassociate(scope: AddressScope, address: AddressRecord): void {
  const instance = address.instanceId === null ? undefined : scope.byId.get(address.instanceId);
  address.associationId = null;
  address.instanceId = null;
  if (instance === undefined || instance.elasticAllocationId !== address.allocationId) return;
  instance.elasticAllocationId = null;
  instance.publicIp =
    instance.associatePublicIp && stateAt(instance, scope.now) === "running"
      ? scope.ips.allocatePublic(scope.random, scope.publicIpPrefixes)
      : null;
}

/**
 * Associates `address` with `instance`, moving it from another instance and replacing the
 * instance's previous EIP (which stays allocated) if there were any. Returns the association id.
 */
export function associate(scope: AddressScope, address: AddressRecord, instance: InstanceRecord, associationId: string): string {
  if (address.instanceId === instance.id && address.associationId !== null) return address.associationId;
  if (address.instanceId !== null) disassociate(scope, address);
  if (instance.elasticAllocationId !== null) {
    const previous = scope.addresses.get(instance.elasticAllocationId);
    if (previous !== undefined) disassociate(scope, previous);
  }
  scope.ips.releasePublic(instance.publicIp);
  instance.publicIp = address.publicIp;
  instance.elasticAllocationId = address.allocationId;
  address.instanceId = instance.id;
  address.associationId = associationId;
  return associationId;
}

/** Frees an instance's public address when it stops or terminates; an EIP stays across a stop. */
export function dropPublicIp(scope: AddressScope, instance: InstanceRecord, terminating: boolean): void {
  if (instance.elasticAllocationId === null) {
    scope.ips.releasePublic(instance.publicIp);
    instance.publicIp = null;
    return;
  }
  if (!terminating) return;
  const address = scope.addresses.get(instance.elasticAllocationId);
  instance.elasticAllocationId = null;
  instance.publicIp = null;
  if (address !== undefined && address.instanceId === instance.id) {
    address.instanceId = null;
    address.associationId = null;
  }
}
