// Input shapes of upgrades, shared by the REST API and the UI.
import { z } from "zod";

const version = z.number().int().positive().max(2_147_483_647);
/** In a query string a version arrives as text. */
const queryVersion = z.coerce.number().int().positive().max(2_147_483_647);

/** One environment: the version to move to (the newest requestable when absent) and parameter overrides. */
export const upgradeEnvironmentSchema = z
  .object({
    toVersion: version.optional(),
    parameters: z.record(z.string(), z.unknown()).optional(),
    /** Only plan: answer what would change, write nothing. */
    dryRun: z.boolean().optional(),
  })
  .strict();

export const upgradePlanQuerySchema = z.object({ toVersion: queryVersion.optional() }).strict();

/** Many environments of a template, each its own update run, at most `concurrency` at a time. */
export const upgradeBatchSchema = z
  .object({
    toVersion: version.optional(),
    fromVersions: z.array(version).min(1).max(100).optional(),
    environmentIds: z.array(z.string().trim().min(1).max(100)).min(1).max(500).optional(),
    concurrency: z.number().int().min(1, "must be at least 1").max(50, "must be at most 50").optional(),
  })
  .strict();
