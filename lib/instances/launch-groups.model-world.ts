// The simulated world launchGroups' model test runs the step in (launch-groups.model.test.ts):
// a clock, the cloud account's request budget, the cloud itself (with scripted answers and
// crashes) and Postgres, where what was committed survives a crash and what was deferred does not.
import { CloudError } from "../cloud/errors";
import type { CloudInstance, LaunchRequest, LaunchResult } from "../cloud/provider";
import type { PlannedGroup } from "../templates/resolve-plan";
import { reservationKey, type LaunchOperation } from "./launch-groups";

export const RUN = "run-1";
export const PARK_AFTER_MS = 1000;
export const REFILL_PER_MS = 2 / 1000;
export const BURST = 5;

export type Send = "ok" | "capacity" | "retryable-before" | "retryable-after" | "crash-after";
export type Wake = "early" | "on-time" | "late";
export type Scenario = { groups: PlannedGroup[]; debt: number; sends: Send[]; wakes: Wake[]; crashAt: number[]; otherTenants: number[] };

export class Crash extends Error {}

/** The world the step runs in: a clock, the account's budget, the cloud and Postgres (committed vs deferred). */
export class World {
  clock = 0;
  events = 0;
  // Budget: tokens (may go negative), keyed slots, and what took tokens.
  tokens: number;
  at = 0;
  slots = new Map<string, number>();
  tokensTaken: string[] = [];
  // Cloud: instances per ClientToken, and every send.
  byToken = new Map<string, CloudInstance[]>();
  sentPrepaid: string[] = [];
  sentMetered: string[] = [];
  // Ledger: committed operations and deferred writes.
  committed: LaunchOperation[] = [];
  deferred: (() => void)[] = [];
  /**
   * What the step saved when it parked, used instead of a read while the step row is still
   * "waiting" (the engine's rule: the next write of the resumed execution ends that).
   */
  parkedSnapshot: LaunchOperation[] | null = null;
  violations: string[] = [];
  private nextSend = 0;

  constructor(private readonly scenario: Scenario) {
    this.tokens = BURST - scenario.debt;
  }

  /** Any interaction may be where the worker dies. */
  maybeCrash() {
    this.events += 1;
    if (this.scenario.crashAt.includes(this.events)) throw new Crash(`crash at event ${this.events}`);
  }

  refill() {
    this.tokens = Math.min(BURST, this.tokens + (this.clock - this.at) * REFILL_PER_MS);
    this.at = this.clock;
  }

  reserve(key: string): number {
    this.maybeCrash();
    const slot = this.slots.get(key);
    if (slot !== undefined) return Math.max(0, slot - this.clock);
    this.refill();
    this.tokens -= 1;
    this.tokensTaken.push(key);
    const wait = this.tokens < 0 ? Math.ceil(-this.tokens / REFILL_PER_MS) : 0;
    this.slots.set(key, this.clock + wait);
    return wait;
  }

  /** Another tenant of the account takes tokens meanwhile. */
  othersTake(count: number) {
    this.refill();
    this.tokens -= count;
  }

  launch(request: LaunchRequest, prepaid: boolean): LaunchResult {
    this.maybeCrash();
    (prepaid ? this.sentPrepaid : this.sentMetered).push(request.clientToken);
    // Faults are finite (a cloud that fails every time is not a livelock of ours): then all goes well.
    const outcome = this.scenario.sends[this.nextSend++] ?? "ok";
    const existing = this.byToken.get(request.clientToken);
    if (outcome === "capacity" && !existing) {
      throw new CloudError({ kind: "capacity", code: "InsufficientInstanceCapacity", action: "RunInstances", message: "no capacity" });
    }
    if (outcome === "retryable-before") throw new CloudError({ kind: "server", code: "InternalError", action: "RunInstances", message: "5xx" });
    const instances =
      existing ??
      Array.from({ length: request.count }, (_, i) => ({
        id: `i-${request.clientToken}-${i}`,
        state: "pending" as const,
        instanceType: request.instanceType,
        imageId: request.imageId,
        clientToken: request.clientToken,
        tags: request.tags,
      }));
    this.byToken.set(request.clientToken, instances);
    if (outcome === "retryable-after") throw new CloudError({ kind: "network", code: "NetworkingError", action: "RunInstances", message: "response lost" });
    if (outcome === "crash-after") throw new Crash("died before reading the answer");
    return { instances };
  }

  flush() {
    for (const write of this.deferred.splice(0)) write();
  }

  /** A write of the run: what was deferred goes with it, and the step is no longer parked. */
  written() {
    this.flush();
    this.parkedSnapshot = null;
  }

  ledger() {
    return {
      operations: async () => {
        this.maybeCrash();
        const source = this.parkedSnapshot ?? this.committed;
        return source.map((op) => ({ ...op, request: { ...op.request }, instanceIds: op.instanceIds ? [...op.instanceIds] : null }));
      },
      record: async (operation: LaunchOperation) => {
        this.maybeCrash();
        this.written();
        const attempt = this.committed.filter((op) => op.group === operation.group).length;
        const slot = this.slots.get(reservationKey(RUN, operation.group, attempt));
        if (slot === undefined) this.violations.push(`${operation.group}#${attempt} recorded without a reservation`);
        else if (slot > this.clock) this.violations.push(`${operation.group}#${attempt} sent ${slot - this.clock} ms before its slot`);
        this.committed.push({ ...operation, request: { ...operation.request } });
      },
      confirm: async () => {
        this.maybeCrash();
        this.written();
      },
      launched: (operation: LaunchOperation, result: LaunchResult) => {
        this.deferred.push(() => {
          const row = this.committed.find((op) => op.id === operation.id);
          if (row) Object.assign(row, { state: "succeeded", instanceIds: result.instances.map((i) => i.id) });
        });
      },
      refused: async (operation: LaunchOperation) => {
        this.maybeCrash();
        this.written();
        const row = this.committed.find((op) => op.id === operation.id);
        if (row) row.state = "failed";
      },
    };
  }
}
