// The live, mutable configuration of one sandbox: defaults, presets and the merge rules used by
// both startSandbox() options and PUT /_sandbox/config.
import {
  configPatchSchema,
  type BucketSpec,
  type Faults,
  type Limits,
  type LimitsPatch,
  type RuntimeConfigValues,
  type ThrottleCategory,
  type TimingPreset,
  type Timings,
} from "./schema";

export const timingPresets: Record<TimingPreset, Timings> = {
  // Close to what EC2 shows for small Linux instances: a few seconds to running, with a tail.
  realistic: {
    pendingToRunning: { medianMs: 5000, sigma: 0.35, minMs: 1000, maxMs: 60_000 },
    stoppingToStopped: { medianMs: 10_000, sigma: 0.35, minMs: 2000, maxMs: 120_000 },
    shuttingDownToTerminated: { medianMs: 8000, sigma: 0.35, minMs: 2000, maxMs: 120_000 },
    // EC2 takes minutes; a few seconds keeps the `initializing` phase observable without slowing demos.
    runningToStatusOk: { medianMs: 4000, sigma: 0.35, minMs: 1000, maxMs: 30_000 },
  },
  // For local development and demos: everything settles in well under a second.
  fast: {
    pendingToRunning: { fixedMs: 300 },
    stoppingToStopped: { fixedMs: 300 },
    shuttingDownToTerminated: { fixedMs: 300 },
    runningToStatusOk: { fixedMs: 300 },
  },
};

// EC2's request token buckets (per account and region), as documented for API throttling.
export const awsBuckets: Record<ThrottleCategory, BucketSpec> = {
  runInstances: { burst: 5, refillPerSecond: 2 },
  terminateInstances: { burst: 100, refillPerSecond: 5 },
  mutating: { burst: 50, refillPerSecond: 5 },
  nonMutating: { burst: 100, refillPerSecond: 20 },
};

export const emptyFaults = (): Faults => ({ errors: [], latency: [], drops: [], capacity: [], deny: [] });

export function defaultConfig(): RuntimeConfigValues {
  return {
    timings: structuredClone(timingPresets.realistic),
    limits: { enabled: true, buckets: structuredClone(awsBuckets) },
    faults: emptyFaults(),
    retention: { terminatedVisibleMs: 3600_000, clientTokenMs: 24 * 3600_000 },
  };
}

function applyLimits(current: Limits, patch: LimitsPatch): Limits {
  if (patch === "off") return { enabled: false, buckets: current.buckets };
  if (patch === "aws") return { enabled: true, buckets: structuredClone(awsBuckets) };
  return { enabled: true, buckets: { ...current.buckets, ...patch } };
}

export type ConfigListener = (config: RuntimeConfigValues) => void;

export class RuntimeConfig {
  private values: RuntimeConfigValues;
  private readonly listeners: ConfigListener[] = [];

  constructor(initial?: unknown) {
    this.values = defaultConfig();
    if (initial !== undefined) this.apply(initial);
  }

  get current(): RuntimeConfigValues {
    return this.values;
  }

  onChange(listener: ConfigListener): void {
    this.listeners.push(listener);
  }

  /** Validate and merge a patch; throws the ZodError so callers can report field paths. */
  apply(rawPatch: unknown): RuntimeConfigValues {
    const patch = configPatchSchema.parse(rawPatch);
    const next = structuredClone(this.values);
    if (patch.timings !== undefined) {
      next.timings =
        typeof patch.timings === "string"
          ? structuredClone(timingPresets[patch.timings])
          : { ...next.timings, ...patch.timings };
    }
    if (patch.limits !== undefined) next.limits = applyLimits(next.limits, patch.limits);
    if (patch.faults !== undefined) next.faults = { ...next.faults, ...patch.faults };
    if (patch.retention !== undefined) next.retention = { ...next.retention, ...patch.retention };
    this.values = next;
    for (const listener of this.listeners) listener(next);
    return next;
  }

  /** Back to defaults (used by tests through POST /_sandbox/reset?config=1). */
  reset(initial?: unknown): void {
    this.values = defaultConfig();
    if (initial !== undefined) this.apply(initial);
    else for (const listener of this.listeners) listener(this.values);
  }

  /** Fault rules with a `count` are consumed in place; the injector calls this. */
  replaceFaults(faults: Faults): void {
    this.values = { ...this.values, faults };
  }
}
