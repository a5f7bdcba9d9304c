// Address allocation for one account+region. Each zone owns a 10.(16*zone).0.0/12 block, as a
// default subnet per zone would; the first four addresses are reserved like in a VPC subnet.
// Private addresses stay with an instance until it is purged, so a terminated-but-visible
// instance never shares an address with a live one.
import type { Random } from "./random";

const BLOCK_SIZE = 1 << 20;
const FIRST_HOST = 4;

export interface IpAllocatorState {
  next: Record<string, number>;
  free: Record<string, number[]>;
}

export class IpAllocator {
  private readonly next = new Map<number, number>();
  private readonly free = new Map<number, number[]>();
  private readonly publicInUse = new Set<string>();

  allocatePrivate(zoneIndex: number): { ip: string; index: number } {
    const freed = this.free.get(zoneIndex);
    let offset = freed?.pop();
    if (offset === undefined) {
      offset = this.next.get(zoneIndex) ?? FIRST_HOST;
      if (offset >= BLOCK_SIZE - 1) throw new Error(`address block of zone ${zoneIndex} exhausted`);
      this.next.set(zoneIndex, offset + 1);
    }
    return { ip: privateIp(zoneIndex, offset), index: offset };
  }

  releasePrivate(ip: string): void {
    const parsed = parsePrivate(ip);
    if (parsed === undefined) return;
    const list = this.free.get(parsed.zoneIndex) ?? [];
    list.push(parsed.offset);
    this.free.set(parsed.zoneIndex, list);
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
    return {
      next: Object.fromEntries([...this.next].map(([k, v]) => [String(k), v])),
      free: Object.fromEntries([...this.free].map(([k, v]) => [String(k), v])),
    };
  }

  static fromJSON(state: IpAllocatorState): IpAllocator {
    const allocator = new IpAllocator();
    for (const [k, v] of Object.entries(state.next)) allocator.next.set(Number(k), v);
    for (const [k, v] of Object.entries(state.free)) allocator.free.set(Number(k), [...v]);
    return allocator;
  }
}

function privateIp(zoneIndex: number, offset: number): string {
  return `10.${zoneIndex * 16 + (offset >>> 16)}.${(offset >>> 8) & 255}.${offset & 255}`;
}

function parsePrivate(ip: string): { zoneIndex: number; offset: number } | undefined {
  const parts = ip.split(".").map(Number);
  if (parts.length !== 4 || parts[0] !== 10) return undefined;
  const [, b = 0, c = 0, d = 0] = parts;
  return { zoneIndex: b >>> 4, offset: ((b & 15) << 16) | (c << 8) | d };
}

/** EC2's private DNS name for an address, e.g. ip-10-0-1-23.ec2.internal. */
export function privateDnsName(ip: string, suffix: string): string {
  return `ip-${ip.replaceAll(".", "-")}.${suffix}`;
}

export function publicDnsName(ip: string, suffix: string): string {
  return `ec2-${ip.replaceAll(".", "-")}.${suffix}`;
}
