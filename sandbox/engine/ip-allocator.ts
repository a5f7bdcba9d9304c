// Address allocation for one account+region. Private addresses come from the instance's subnet
// (skipping the addresses a VPC subnet reserves) and stay with the instance until it is purged,
// so a terminated-but-visible instance never shares an address with a live one. A full subnet is
// EC2's InsufficientFreeAddressesInSubnet, not a crash.
import { FIRST_HOST_OFFSET, intToIp, ipToInt, usableAddresses, type Cidr } from "./cidr";
import type { Random } from "./random";

export interface IpAllocatorState {
  /** Per subnet id: the next never-used host offset. */
  next: Record<string, number>;
  /** Per subnet id: offsets released by purged instances, reused first. */
  free: Record<string, number[]>;
}

export interface AddressBlock {
  id: string;
  cidr: Cidr;
}

export class IpAllocator {
  private readonly next = new Map<string, number>();
  private readonly free = new Map<string, number[]>();
  private readonly publicInUse = new Set<string>();

  /** A free private address in the subnet, or undefined when the subnet is full. */
  allocatePrivate(subnet: AddressBlock): string | undefined {
    let offset = this.free.get(subnet.id)?.pop();
    if (offset === undefined) {
      offset = this.next.get(subnet.id) ?? FIRST_HOST_OFFSET;
      // The last address of a subnet is reserved too.
      if (offset >= subnet.cidr.size - 1) return undefined;
      this.next.set(subnet.id, offset + 1);
    }
    return intToIp(subnet.cidr.base + offset);
  }

  /** Returns an address to its subnet; addresses outside it (e.g. from older state files) are ignored. */
  releasePrivate(subnet: AddressBlock, ip: string): void {
    const value = ipToInt(ip);
    if (value === undefined) return;
    const offset = value - subnet.cidr.base;
    if (offset < FIRST_HOST_OFFSET || offset >= subnet.cidr.size - 1) return;
    const list = this.free.get(subnet.id) ?? [];
    list.push(offset);
    this.free.set(subnet.id, list);
  }

  /** Addresses of the subnet no instance holds (EC2's availableIpAddressCount). */
  available(subnet: AddressBlock): number {
    const used = (this.next.get(subnet.id) ?? FIRST_HOST_OFFSET) - FIRST_HOST_OFFSET;
    return usableAddresses(subnet.cidr) - used + (this.free.get(subnet.id)?.length ?? 0);
  }

  allocatePublic(random: Random, prefixes: readonly number[]): string {
    for (;;) {
      const first = random.pick(prefixes) ?? 3;
      const ip = `${first}.${random.int(256)}.${random.int(256)}.${1 + random.int(254)}`;
      if (!this.publicInUse.has(ip)) {
        this.publicInUse.add(ip);
        return ip;
      }
    }
  }

  releasePublic(ip: string | null): void {
    if (ip !== null) this.publicInUse.delete(ip);
  }

  /** Re-registers a public address loaded from a snapshot. */
  claimPublic(ip: string): void {
    this.publicInUse.add(ip);
  }

  toJSON(): IpAllocatorState {
    return { next: Object.fromEntries(this.next), free: Object.fromEntries([...this.free].map(([k, v]) => [k, [...v]])) };
  }

  /** State files from before subnets were modelled keyed blocks by zone index; those keys are dropped. */
  static fromJSON(state: IpAllocatorState): IpAllocator {
    const allocator = new IpAllocator();
    const isSubnet = (key: string): boolean => key.startsWith("subnet-");
    for (const [k, v] of Object.entries(state.next ?? {})) if (isSubnet(k)) allocator.next.set(k, v);
    for (const [k, v] of Object.entries(state.free ?? {})) if (isSubnet(k)) allocator.free.set(k, [...v]);
    return allocator;
  }
}

/** EC2's private DNS name for an address, e.g. ip-10-0-1-23.ec2.internal. */
export function privateDnsName(ip: string, suffix: string): string {
  return `ip-${ip.replaceAll(".", "-")}.${suffix}`;
}

export function publicDnsName(ip: string, suffix: string): string {
  return `ec2-${ip.replaceAll(".", "-")}.${suffix}`;
}
