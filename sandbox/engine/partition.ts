// Everything one account sees in one region: instances (indexed by id, by launch order and by
// ClientToken), its network (VPCs, subnets, security groups, key pairs), its Elastic IPs and its
// address allocator. Partitions never see each other, which is what makes accounts and regions
// isolated.
import type { Region } from "../catalog/regions";
import type { AddressRecord, AddressScope } from "./addresses";
import { IpAllocator } from "./ip-allocator";
import { isVisible, type InstanceRecord } from "./instance";
import { derivedHex, type Network } from "./network";
import { createNetwork } from "./network-defaults";
import type { Random } from "./random";

export interface ClientTokenEntry {
  /** Digest of the request parameters, to detect IdempotentParameterMismatch. */
  hash: string;
  reservationId: string;
  instances: InstanceRecord[];
  /** When the last of its instances was purged; the token is forgotten after retention. */
  releasedAt: number | null;
}

const SWEEP_INTERVAL_MS = 1000;

/** A stable 12-digit account number for an access key, used as ownerId like on AWS. */
export function accountNumber(accessKeyId: string): string {
  return (BigInt(`0x${derivedHex(16, "account", accessKeyId)}`) % 10n ** 12n).toString().padStart(12, "0");
}

export class Partition {
  readonly ownerId: string;
  readonly network: Network;
  readonly byId = new Map<string, InstanceRecord>();
  readonly byClientToken = new Map<string, ClientTokenEntry>();
  /** Elastic IPs by allocation id, in allocation order. */
  readonly addresses = new Map<string, AddressRecord>();
  /** Instances in launch (seq) order; may hold purged ones until the next compaction. */
  ordered: InstanceRecord[] = [];
  ips = new IpAllocator();
  nextSeq = 1;
  private readonly terminating = new Set<InstanceRecord>();
  private readonly releasedTokens = new Set<string>();
  private purgedInOrdered = 0;
  private lastSweep = 0;

  constructor(
    readonly account: string,
    readonly region: Region,
  ) {
    this.ownerId = accountNumber(account);
    this.network = createNetwork(account, region);
  }

  add(instances: readonly InstanceRecord[], clientToken?: { token: string; hash: string }): void {
    for (const instance of instances) {
      this.byId.set(instance.id, instance);
      this.ordered.push(instance);
      if (instance.terminating) this.terminating.add(instance);
    }
    const first = instances[0];
    if (clientToken !== undefined && first !== undefined) {
      this.byClientToken.set(clientToken.token, {
        hash: clientToken.hash,
        reservationId: first.reservationId,
        instances: [...instances],
        releasedAt: null,
      });
    }
  }

  markTerminating(instance: InstanceRecord): void {
    instance.terminating = true;
    this.terminating.add(instance);
  }

  /** Visible instance by id (purged or retention-expired ones are gone, as in EC2). */
  visible(id: string, now: number, terminatedVisibleMs: number): InstanceRecord | undefined {
    const instance = this.byId.get(id);
    return instance !== undefined && isVisible(instance, now, terminatedVisibleMs) ? instance : undefined;
  }

  /** Index in `ordered` of the first instance with seq > afterSeq (binary search). */
  indexAfter(afterSeq: number): number {
    let lo = 0;
    let hi = this.ordered.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.ordered[mid] as InstanceRecord).seq <= afterSeq) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Purges instances whose terminated retention passed and forgets expired ClientTokens. */
  sweep(now: number, retention: { terminatedVisibleMs: number; clientTokenMs: number }, force = false): void {
    if (!force && now - this.lastSweep < SWEEP_INTERVAL_MS) return;
    this.lastSweep = now;
    for (const instance of this.terminating) {
      if (isVisible(instance, now, retention.terminatedVisibleMs)) continue;
      this.terminating.delete(instance);
      this.purge(instance, now);
    }
    for (const token of this.releasedTokens) {
      const entry = this.byClientToken.get(token);
      if (entry === undefined || (entry.releasedAt !== null && now - entry.releasedAt >= retention.clientTokenMs)) {
        this.byClientToken.delete(token);
        this.releasedTokens.delete(token);
      }
    }
    if (this.purgedInOrdered > 1000 && this.purgedInOrdered * 2 > this.ordered.length) {
      this.ordered = this.ordered.filter((i) => !i.purged);
      this.purgedInOrdered = 0;
    }
  }

  private purge(instance: InstanceRecord, now: number): void {
    instance.purged = true;
    this.purgedInOrdered++;
    this.byId.delete(instance.id);
    const subnet = this.network.subnets.get(instance.subnetId);
    if (subnet !== undefined) this.ips.releasePrivate(subnet, instance.privateIp);
    this.ips.releasePublic(instance.publicIp);
    instance.publicIp = null;
    if (instance.clientToken === null) return;
    const entry = this.byClientToken.get(instance.clientToken);
    if (entry !== undefined && entry.instances.every((i) => i.purged)) {
      entry.releasedAt = now;
      this.releasedTokens.add(instance.clientToken);
    }
  }

  /** Restores token bookkeeping after loading a snapshot. */
  restoreToken(token: string, entry: ClientTokenEntry): void {
    this.byClientToken.set(token, entry);
    if (entry.releasedAt !== null) this.releasedTokens.add(token);
  }

  /** What Elastic IP association changes work on, at `now`. */
  addressScope(random: Random, now: number): AddressScope {
    return { ips: this.ips, addresses: this.addresses, byId: this.byId, random, publicIpPrefixes: this.region.publicIpPrefixes, now };
  }

  instanceCount(): number {
    return this.byId.size;
  }
}
