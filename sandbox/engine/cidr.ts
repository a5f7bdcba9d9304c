// IPv4 CIDR arithmetic for VPCs and subnets. Addresses are unsigned 32-bit integers so that a
// subnet's hosts are plain offsets from its base address.

export interface Cidr {
  /** Network address as an unsigned 32-bit integer. */
  base: number;
  prefix: number;
  /** Number of addresses in the block (2^(32 - prefix)). */
  size: number;
}

const CIDR_RE = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

export function ipToInt(ip: string): number | undefined {
  const parts = ip.split(".");
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return undefined;
    value = value * 256 + Number(part);
  }
  return value;
}

export function intToIp(value: number): string {
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join(".");
}

/** Parses `a.b.c.d/n`; undefined when malformed or when host bits are set (EC2 refuses those too). */
export function parseCidr(text: string): Cidr | undefined {
  const m = CIDR_RE.exec(text);
  if (m === null) return undefined;
  const base = ipToInt(`${m[1]}.${m[2]}.${m[3]}.${m[4]}`);
  const prefix = Number(m[5]);
  if (base === undefined || prefix > 32) return undefined;
  const size = 2 ** (32 - prefix);
  if (base % size !== 0) return undefined;
  return { base, prefix, size };
}

export function formatCidr(cidr: Cidr): string {
  return `${intToIp(cidr.base)}/${cidr.prefix}`;
}

export function cidrContains(outer: Cidr, inner: Cidr): boolean {
  return inner.base >= outer.base && inner.base + inner.size <= outer.base + outer.size;
}

export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  return a.base < b.base + b.size && b.base < a.base + a.size;
}

export function cidrContainsIp(cidr: Cidr, ip: string): boolean {
  const value = ipToInt(ip);
  return value !== undefined && value >= cidr.base && value < cidr.base + cidr.size;
}

// A VPC subnet reserves its first four addresses (network, router, DNS, future use) and the last
// one (broadcast), so a /20 offers 4,091 instance addresses and a /28 eleven.
export const FIRST_HOST_OFFSET = 4;
export const RESERVED_PER_SUBNET = 5;

export function usableAddresses(cidr: Cidr): number {
  return Math.max(0, cidr.size - RESERVED_PER_SUBNET);
}
