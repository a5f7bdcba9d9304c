// One random source for ids, timings and fault rates, so a seeded sandbox replays the same
// ids, durations and injected faults for the same sequence of requests.
import { randomBytes } from "node:crypto";
import type { DurationSpec } from "../config/schema";

export class Random {
  private state: number;

  constructor(seed?: number) {
    this.state = (seed ?? randomBytes(4).readUInt32LE(0)) >>> 0;
  }

  /** mulberry32: small, fast and good enough for simulation (not for secrets). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(maxExclusive: number): number {
    return Math.floor(this.next() * maxExclusive);
  }

  hex(length: number): string {
    let out = "";
    while (out.length < length) out += ((this.next() * 0x100000000) >>> 0).toString(16).padStart(8, "0");
    return out.slice(0, length);
  }

  /** Standard normal via Box-Muller. */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  chance(rate: number): boolean {
    return rate >= 1 || (rate > 0 && this.next() < rate);
  }

  /** A duration in ms: fixed, or log-normal with the given median (exp(mu) = median). */
  duration(spec: DurationSpec): number {
    if ("fixedMs" in spec) return spec.fixedMs;
    const raw = spec.medianMs * Math.exp(spec.sigma * this.normal());
    const min = spec.minMs ?? 0;
    const max = spec.maxMs ?? Number.MAX_SAFE_INTEGER;
    return Math.round(Math.min(max, Math.max(min, raw)));
  }

  pick<T>(items: readonly T[]): T | undefined {
    return items.length === 0 ? undefined : items[this.int(items.length)];
  }
}

/** EC2-style resource id: `i-` + 17 hex digits, the first being 0 as in current EC2 ids. */
export function resourceId(random: Random, prefix: string): string {
  return `${prefix}-0${random.hex(16)}`;
}
