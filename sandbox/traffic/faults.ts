// Fault injection driven by the live config: injected error codes, latency, responses dropped
// after the action took effect, zone capacity shortages and IAM-style denials. Rules with a
// `count` are consumed as they fire (GET /_sandbox/config shows what is left).
import type { RuntimeConfig } from "../config/runtime-config";
import type { CapacityRule, DropRule, ErrorRule } from "../config/schema";
import { Ec2Error, statusForCode } from "../protocol/ec2-error";
import type { Random } from "../engine/random";

const defaultMessages: Record<string, string> = {
  InternalError: "An internal error has occurred",
  InternalFailure: "An internal error has occurred",
  Unavailable: "The service is unavailable. Please try again shortly.",
  ServiceUnavailable: "The service is unavailable. Please try again shortly.",
  RequestLimitExceeded: "Request limit exceeded.",
  UnauthorizedOperation: "You are not authorized to perform this operation.",
  AuthFailure: "AWS was not able to validate the provided access credentials",
  InsufficientInstanceCapacity: "Insufficient capacity.",
};

const matches = (ruleAction: string, action: string): boolean => ruleAction === "*" || ruleAction === action;

export class FaultInjector {
  constructor(
    private readonly config: RuntimeConfig,
    private readonly random: Random,
  ) {}

  private get faults() {
    return this.config.current.faults;
  }

  /** Fires a rule if its rate says so; consumes one of its `count` and drops it when used up. */
  private fire<T extends { rate?: number | undefined; count?: number | undefined }>(list: T[], rule: T): boolean {
    if (!this.random.chance(rule.rate ?? 1)) return false;
    if (rule.count !== undefined) {
      rule.count -= 1;
      if (rule.count <= 0) list.splice(list.indexOf(rule), 1);
    }
    return true;
  }

  isDenied(action: string): boolean {
    return this.faults.deny.includes(action) || this.faults.deny.includes("*");
  }

  injectedError(action: string, account: string, region: string): Ec2Error | undefined {
    const list: ErrorRule[] = this.faults.errors;
    for (const rule of [...list]) {
      if (!matches(rule.action, action)) continue;
      if (rule.account !== undefined && rule.account !== account) continue;
      if (rule.region !== undefined && rule.region !== region) continue;
      if (!this.fire(list, rule)) continue;
      const message = rule.message ?? defaultMessages[rule.code] ?? `Injected fault: ${rule.code}`;
      return new Ec2Error(rule.code, message, rule.status ?? statusForCode(rule.code));
    }
    return undefined;
  }

  latencyMs(action: string): number {
    const rule = this.faults.latency.find((r) => matches(r.action, action));
    if (rule === undefined) return 0;
    if (rule.fixedMs !== undefined) return rule.fixedMs;
    const min = rule.minMs ?? 0;
    const max = rule.maxMs ?? min;
    return min + Math.round(this.random.next() * (max - min));
  }

  shouldDrop(action: string): boolean {
    const list: DropRule[] = this.faults.drops;
    for (const rule of [...list]) {
      if (matches(rule.action, action) && this.fire(list, rule)) return true;
    }
    return false;
  }

  private capacityMatches(rule: CapacityRule, zone: string, instanceType: string): boolean {
    return rule.zone === zone && (rule.instanceType === undefined || rule.instanceType === instanceType);
  }

  /** True when a launch of `instanceType` in `zone` must fail with InsufficientInstanceCapacity. */
  capacityShortage(zone: string, instanceType: string): boolean {
    const list = this.faults.capacity;
    for (const rule of [...list]) {
      if (this.capacityMatches(rule, zone, instanceType) && this.fire(list, rule)) return true;
    }
    return false;
  }

  /** Zones with a standing (always, unlimited) shortage: EC2 would not place unpinned launches there. */
  zoneAlwaysShort(zone: string, instanceType: string): boolean {
    return this.faults.capacity.some(
      (r) => this.capacityMatches(r, zone, instanceType) && (r.rate ?? 1) >= 1 && r.count === undefined,
    );
  }
}
