// The API shapes of environments: list rows, one environment, requests, leases, upgrades,
// previews and the request form's defaults. Shared by the routes and the OpenAPI document.
import { z } from "zod";
import { isoDate, listPageOf, personRef, teamRef } from "@/lib/api-contract/common-schemas";
import { runView } from "@/lib/runs/api-schemas";
import { ENVIRONMENT_STATES } from "./state-filter";

const state = z.enum(ENVIRONMENT_STATES);

const environmentSummary = z.object({
  id: z.string(),
  name: z.string(),
  state: z.string(),
  team: teamRef,
  owner: personRef,
  template: z.object({ slug: z.string(), name: z.string(), version: z.number().int() }),
  region: z.string(),
  instanceCount: z.number().int(),
  expiresAt: isoDate(),
  createdAt: isoDate(),
  readyAt: isoDate().nullable(),
});
export const environmentList = listPageOf(environmentSummary);

const instanceView = z.object({
  id: z.string(),
  cloudId: z.string(),
  group: z.string(),
  instanceType: z.string(),
  state: z.string(),
  availabilityZone: z.string().nullable(),
  privateIp: z.string().nullable(),
  publicIp: z.string().nullable(),
  launchedAt: isoDate(),
});

export const environmentView = z.object({
  id: z.string(),
  name: z.string(),
  state,
  team: teamRef,
  owner: personRef,
  template: z.object({ id: z.string(), name: z.string(), slug: z.string(), version: z.number().int() }),
  updateAvailable: z.object({ version: z.number().int() }).nullable(),
  cloudAccount: z.object({ id: z.string(), name: z.string(), provider: z.enum(["aws", "sandbox"]) }),
  region: z.string(),
  parameters: z.record(z.string(), z.unknown()),
  outputs: z.record(z.string(), z.string()),
  failedStep: z.string().nullable(),
  failureReason: z.string().nullable(),
  expiresAt: isoDate(),
  readyAt: isoDate().nullable(),
  destroyedAt: isoDate().nullable(),
  createdAt: isoDate(),
  canWrite: z.boolean(),
  instances: z.array(instanceView),
  runs: z.array(runView),
});

/** A request or a destroy: the environment and the run doing the work. */
export const environmentRun = z.object({ id: z.string(), runId: z.string() });

export const extendedLease = z.object({
  id: z.string(),
  name: z.string(),
  previousExpiresAt: isoDate(),
  expiresAt: isoDate(),
  leaseMaxSeconds: z.number(),
});

const groupShape = z.object({ instanceType: z.string(), count: z.number().int(), image: z.string() });
const lease = z.object({ default: z.number(), max: z.number() });

export const upgradePlan = z.object({
  environment: z.object({ id: z.string(), name: z.string(), state: z.string() }),
  template: z.object({ id: z.string(), slug: z.string() }),
  from: z.object({ version: z.number().int() }),
  to: z.object({ version: z.number().int(), changeNote: z.string().nullable(), publishedAt: isoDate() }),
  groups: z.array(z.object({ name: z.string(), change: z.enum(["unchanged", "replaced", "added", "removed"]), from: groupShape.nullable(), to: groupShape.nullable(), differences: z.array(z.string()) })),
  parameters: z.object({
    added: z.array(z.object({ name: z.string(), value: z.unknown() })),
    removed: z.array(z.object({ name: z.string(), value: z.unknown() })),
    changed: z.array(z.object({ name: z.string(), from: z.unknown(), to: z.unknown() })),
    values: z.record(z.string(), z.unknown()),
  }),
  lease: z.object({ from: lease, to: lease, expiresAt: isoDate(), newExpiresAt: isoDate() }),
  cost: z.object({ fromUsdPerHour: z.number(), toUsdPerHour: z.number(), complete: z.boolean() }),
  launches: z.number().int(),
  terminations: z.number().int(),
  changes: z.boolean(),
  blockers: z.array(z.string()).meta({ description: "Why it cannot be applied now (empty when it can)" }),
});

/** 202: the update run; 200 (`dryRun`): the plan alone. */
export const upgradeStarted = z.union([z.object({ id: z.string(), runId: z.string(), plan: upgradePlan }), upgradePlan]);

export const upgradeBatchList = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      toVersion: z.number().int(),
      concurrency: z.number().int(),
      trigger: z.string(),
      requestedBy: z.string().nullable(),
      createdAt: isoDate(),
      runs: z.object({ queued: z.number().int(), running: z.number().int(), succeeded: z.number().int(), failed: z.number().int(), canceled: z.number().int() }),
    }),
  ),
});

export const upgradeBatchStarted = z.object({
  batchId: z.string().nullable().meta({ description: "null when nothing was queued (200)" }),
  toVersion: z.number().int(),
  concurrency: z.number().int(),
  queued: z.array(z.object({ environmentId: z.string(), name: z.string(), fromVersion: z.number().int(), runId: z.string() })),
  skipped: z.array(z.object({ environmentId: z.string(), name: z.string(), reason: z.string() })),
});

export const requestPreview = z.object({
  template: z.object({ slug: z.string(), version: z.number().int() }),
  name: z.string(),
  team: z.string(),
  cloudAccount: z.string(),
  region: z.string(),
  leaseSeconds: z.number(),
  parameters: z.record(z.string(), z.unknown()),
  groups: z.array(
    z.object({
      name: z.string(),
      count: z.number().int(),
      instanceType: z.string(),
      alternatives: z.object({ instanceTypes: z.array(z.string()), zones: z.array(z.string()) }),
      image: z.union([z.object({ id: z.string(), name: z.string().nullable() }), z.object({ lookup: z.string(), error: z.string() })]),
      userData: z.string().nullable(),
      tags: z.record(z.string(), z.string()),
      subnetId: z.string().nullable(),
      securityGroupIds: z.array(z.string()),
      keyName: z.string().nullable(),
      publicIp: z.boolean().nullable(),
      usdPerHour: z.number().nullable(),
      derivedPrice: z.boolean(),
    }),
  ),
  outputs: z.array(z.object({ key: z.string(), expression: z.string() })),
  cost: z.object({ usdPerHour: z.number(), forLease: z.number(), complete: z.boolean(), derived: z.boolean(), asOf: z.string().nullable() }),
});

export const requestDefaults = z.object({
  template: z.object({ id: z.string(), slug: z.string(), version: z.number().int() }),
  origin: z.union([
    z.object({ kind: z.literal("again"), environment: z.object({ id: z.string(), name: z.string() }), fromVersion: z.number().int() }),
    z.object({ kind: z.literal("preset"), preset: z.string(), title: z.string() }),
    z.object({ kind: z.literal("remembered"), updatedAt: isoDate() }),
    z.object({ kind: z.literal("defaults") }),
  ]),
  name: z.string().nullable(),
  parameters: z.record(z.string(), z.unknown()),
  dropped: z.array(z.string()).meta({ description: "Remembered parameters that no longer fit, left out" }),
  ttlSeconds: z.number().nullable(),
  team: z.string().nullable(),
  cloudAccount: z.string().nullable(),
  region: z.string().nullable(),
});
