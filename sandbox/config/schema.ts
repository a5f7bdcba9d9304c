// zod schemas for everything that can be tuned at start or at runtime (PUT /_sandbox/config).
// The same schemas validate CLI flags, startSandbox() options and admin requests, so a bad
// knob fails the same way everywhere: with field paths.
import { z } from "zod";

const ms = z
  .number()
  .int()
  .min(0)
  .max(24 * 3600 * 1000);

/** A state-transition duration: fixed, or log-normal around a median (long tail, clamped). */
export const durationSpecSchema = z.union([
  z.object({ fixedMs: ms }).strict(),
  z
    .object({
      medianMs: ms,
      sigma: z.number().min(0).max(3).default(0.35),
      minMs: ms.optional(),
      maxMs: ms.optional(),
    })
    .strict()
    .refine((d) => d.minMs === undefined || d.maxMs === undefined || d.minMs <= d.maxMs, {
      message: "minMs must be <= maxMs",
      path: ["minMs"],
    }),
]);
export type DurationSpec = z.infer<typeof durationSpecSchema>;

export const timingsSchema = z
  .object({
    pendingToRunning: durationSpecSchema,
    stoppingToStopped: durationSpecSchema,
    shuttingDownToTerminated: durationSpecSchema,
    /** Delay after `running` before status checks turn `ok` (EC2: initializing -> ok). */
    runningToStatusOk: durationSpecSchema,
  })
  .strict();
export type Timings = z.infer<typeof timingsSchema>;

export const timingPresetSchema = z.enum(["fast", "realistic"]);
export type TimingPreset = z.infer<typeof timingPresetSchema>;

export const throttleCategories = ["runInstances", "terminateInstances", "mutating", "nonMutating"] as const;
export type ThrottleCategory = (typeof throttleCategories)[number];

const bucketSchema = z
  .object({ burst: z.number().int().min(1).max(1_000_000), refillPerSecond: z.number().positive().max(1_000_000) })
  .strict();
export type BucketSpec = z.infer<typeof bucketSchema>;

const customBucketsSchema = z
  .object({
    runInstances: bucketSchema.optional(),
    terminateInstances: bucketSchema.optional(),
    mutating: bucketSchema.optional(),
    nonMutating: bucketSchema.optional(),
  })
  .strict();
/** 'aws' = EC2's documented buckets, 'off' = no throttling, object = AWS buckets with overrides. */
export const limitsPatchSchema = z.union([z.enum(["aws", "off"]), customBucketsSchema]);
export type LimitsPatch = z.infer<typeof limitsPatchSchema>;

export interface Limits {
  enabled: boolean;
  buckets: Record<ThrottleCategory, BucketSpec>;
}

const actionMatch = z.string().min(1).max(64).default("*");
const rate = z.number().min(0).max(1);
const count = z.number().int().min(1).max(1_000_000);

export const errorRuleSchema = z
  .object({
    action: actionMatch,
    code: z.string().regex(/^[A-Za-z][A-Za-z0-9.]*$/, "must look like an EC2 error code"),
    message: z.string().max(1000).optional(),
    /** Override the HTTP status; by default the status EC2 uses for `code`. */
    status: z.number().int().min(400).max(599).optional(),
    rate: rate.optional(),
    /** Fail only the next N matching calls; the rule then disappears. */
    count: count.optional(),
    account: z.string().optional(),
    region: z.string().optional(),
  })
  .strict();

export const latencyRuleSchema = z
  .object({ action: actionMatch, fixedMs: ms.optional(), minMs: ms.optional(), maxMs: ms.optional() })
  .strict()
  .refine((r) => r.fixedMs !== undefined || (r.minMs !== undefined && r.maxMs !== undefined && r.minMs <= r.maxMs), {
    message: "give fixedMs, or minMs <= maxMs",
  });

export const dropRuleSchema = z
  .object({ action: actionMatch, rate: rate.optional(), count: count.optional() })
  .strict();

export const capacityRuleSchema = z
  .object({
    zone: z.string().min(1),
    instanceType: z.string().optional(),
    rate: rate.optional(),
    count: count.optional(),
  })
  .strict();

export const faultsSchema = z
  .object({
    errors: z.array(errorRuleSchema).max(1000),
    latency: z.array(latencyRuleSchema).max(1000),
    drops: z.array(dropRuleSchema).max(1000),
    capacity: z.array(capacityRuleSchema).max(1000),
    /** Actions answered with UnauthorizedOperation, as if IAM denied them. */
    deny: z.array(z.string().min(1)).max(1000),
  })
  .strict();
export type Faults = z.infer<typeof faultsSchema>;
export type ErrorRule = z.infer<typeof errorRuleSchema>;
export type LatencyRule = z.infer<typeof latencyRuleSchema>;
export type DropRule = z.infer<typeof dropRuleSchema>;
export type CapacityRule = z.infer<typeof capacityRuleSchema>;

export const retentionSchema = z
  .object({
    /** How long terminated instances stay visible in Describe* (EC2: about an hour). */
    terminatedVisibleMs: ms,
    /** How long a ClientToken is remembered after its instances are gone. */
    clientTokenMs: ms,
  })
  .strict();
export type Retention = z.infer<typeof retentionSchema>;

/** Body of PUT /_sandbox/config: every part optional; arrays inside `faults` replace, objects merge. */
export const configPatchSchema = z
  .object({
    timings: z.union([timingPresetSchema, timingsSchema.partial()]).optional(),
    limits: limitsPatchSchema.optional(),
    faults: faultsSchema.partial().optional(),
    retention: retentionSchema.partial().optional(),
  })
  .strict();
export type ConfigPatch = z.input<typeof configPatchSchema>;

export interface RuntimeConfigValues {
  timings: Timings;
  limits: Limits;
  faults: Faults;
  retention: Retention;
}
