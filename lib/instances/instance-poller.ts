// One poller describes every transitioning instance of every environment in batches (the
// provider sends ≤200 ids per DescribeInstances), instead of one waiter per environment. After
// each pass it writes what it saw and advances the runs whose wait is over, in one statement, and
// wakes them. Its interval adapts: fast while instances are young (transitions are due), backing
// off for the long tail, jittered.
import type { Db } from "../db/client";
import { applyPollerPass } from "./instance-waits";
import type { ProviderRegistry } from "../cloud-accounts/provider-registry";
import type { RunNotifier } from "../runs/run-events";
import { planSync, type SyncRow, type TrackedInstance } from "./sync-instances";

export const TRANSITIONAL_STATES = ["pending", "stopping", "shutting-down"] as const;
const SETTLE_INTERVAL_MS = 2000;

export type PollerOptions = {
  db: Db;
  providers: ProviderRegistry;
  notifier: RunNotifier;
  /** Resumes a parked run job now; returns whether it was parked. */
  wakeRun: (runId: string) => Promise<boolean>;
  minIntervalMs: number;
  maxIntervalMs: number;
  /** Instances younger than this are polled at the fast interval. */
  fastWindowMs?: number;
  /** How long an id may be missing from Describe after launch before it counts as gone. */
  notFoundGraceMs?: number;
  onError?: (error: unknown, scope: string) => void;
  random?: () => number;
  now?: () => Date;
};

export type TickResult = { tracked: number; changed: number; woken: number; nextDelayMs: number };

/** A run woken this recently is not woken again: its job is queued, it just has not run yet. */
const REWAKE_AFTER_MS = 10_000;
/** Ended waits are looked for after every pass that wrote something, and at least this often. */
const ADVANCE_AT_LEAST_EVERY_MS = 3000;

export class InstancePoller {
  private interval: number;
  private lastAdvanceAt = 0;
  private readonly woken = new Map<string, number>();
  private readonly random: () => number;
  private readonly now: () => Date;

  constructor(private readonly options: PollerOptions) {
    this.interval = options.minIntervalMs;
    this.random = options.random ?? Math.random;
    this.now = options.now ?? (() => new Date());
  }

  /** New launches: poll fast again. */
  kick(): void {
    this.interval = this.options.minIntervalMs;
  }

  async tick(): Promise<TickResult> {
    const { db } = this.options;
    const now = this.now();
    const rows: (TrackedInstance & { cloudAccountId: string; region: string })[] = await db.instance.findMany({
      where: { state: { in: [...TRANSITIONAL_STATES] } },
      select: { id: true, environmentId: true, cloudAccountId: true, region: true, cloudId: true, state: true, launchedAt: true, lastSeenAt: true, privateIp: true, publicIp: true, availabilityZone: true },
    });
    let changed = 0;
    const writes: SyncRow[] = [];
    const touched = new Set<string>();
    const oldPendingMs = this.options.fastWindowMs ?? 60_000;
    for (const [scope, group] of groupBy(rows, (row) => `${row.cloudAccountId}\u0000${row.region}`)) {
      const [accountId, region] = scope.split("\u0000") as [string, string];
      try {
        const provider = await this.options.providers.providerFor(accountId, region);
        const plan = (tracked: typeof group, seen: Awaited<ReturnType<typeof provider.describeInstances>>, exceptStates?: string[]) => {
          const planned = planSync(tracked, seen, { now, notFoundGraceMs: this.options.notFoundGraceMs ?? 180_000, ...(exceptStates ? { exceptStates } : {}) });
          writes.push(...planned.rows);
          for (const environmentId of planned.touchedEnvironments) touched.add(environmentId);
          changed += planned.result.changed + planned.result.gone;
        };
        // Most instances are pending and still will be on this pass: ask only for what changed,
        // so a pass parses a few instances instead of every pending one. Instances pending for
        // longer than usual get a full look, which is what tells "gone" from "still pending".
        const isOldPending = (row: (typeof group)[number]) => row.state === "pending" && now.getTime() - row.launchedAt.getTime() >= oldPendingMs;
        const changedOnly = group.filter((row) => !isOldPending(row));
        const fullLook = group.filter(isOldPending);
        if (changedOnly.length > 0) plan(changedOnly, await provider.describeInstances({ ids: changedOnly.map((row) => row.cloudId), exceptStates: ["pending"] }), ["pending"]);
        if (fullLook.length > 0) plan(fullLook, await provider.describeInstances({ ids: fullLook.map((row) => row.cloudId) }));
      } catch (error) {
        this.options.onError?.(error, `describe ${accountId}/${region}`);
      }
    }
    // One statement writes the pass and advances the waits it ended. A wait ends when an instance
    // changes, so without writes it runs only now and then (a change made by someone else).
    let woken = 0;
    if (writes.length > 0 || now.getTime() - this.lastAdvanceAt >= ADVANCE_AT_LEAST_EVERY_MS) {
      this.lastAdvanceAt = now.getTime();
      woken = await this.wake(await applyPollerPass(db, writes, now));
    }
    for (const environmentId of touched) this.options.notifier.environmentChanged(environmentId, "instances");
    const nextDelayMs = this.nextDelay(rows, changed, now);
    return { tracked: rows.length, changed, woken, nextDelayMs };
  }

  /**
   * Wakes the runs the pass advanced, and those parked in an instance wait that were asked to
   * cancel or whose instances died. Runs parked for other reasons (a launch waiting for the
   * account's request budget) resume on their own.
   */
  private async wake(due: { runId: string; environmentId: string; advanced: boolean }[]): Promise<number> {
    const at = Date.now();
    for (const [runId, wokenAt] of this.woken) if (at - wokenAt > REWAKE_AFTER_MS) this.woken.delete(runId);
    // An advanced run is always woken; one left for its step to judge (canceled, an instance
    // died) shows up every pass until a worker takes it, so it is woken once per REWAKE_AFTER_MS.
    const fresh = due.filter((run) => run.advanced || !this.woken.has(run.runId));
    for (const run of fresh) this.options.notifier.environmentChanged(run.environmentId, "step");
    const results = await Promise.all(
      fresh.map((run) => {
        this.woken.set(run.runId, at);
        return this.options.wakeRun(run.runId).catch((error: unknown) => {
          this.options.onError?.(error, `wake ${run.runId}`);
          return false;
        });
      }),
    );
    return results.filter(Boolean).length;
  }

  private nextDelay(rows: TrackedInstance[], changed: number, now: Date): number {
    const { minIntervalMs, maxIntervalMs } = this.options;
    const fastWindow = this.options.fastWindowMs ?? 60_000;
    // Only a launch is latency-critical (someone waits for "ready"); stopping and terminating
    // instances are confirmed at a calmer pace.
    const youngPending = rows.some((row) => row.state === "pending" && now.getTime() - row.launchedAt.getTime() < fastWindow);
    const settleInterval = Math.min(maxIntervalMs, Math.max(minIntervalMs, SETTLE_INTERVAL_MS));
    if (rows.length === 0) this.interval = maxIntervalMs;
    else if (youngPending) this.interval = minIntervalMs;
    else if (changed > 0) this.interval = Math.min(this.interval, settleInterval);
    else this.interval = Math.min(maxIntervalMs, Math.round(this.interval * 1.5));
    // ±10% jitter so pollers of many installs (and retries) do not synchronise.
    return Math.round(this.interval * (0.9 + this.random() * 0.2));
  }
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
