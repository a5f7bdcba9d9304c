// What a deploy run carries (Run.input): written when the deployment is requested, read by its
// steps, so what was checked is what runs even if the service is edited meanwhile.
import { z } from "zod";
import { healthCheckSchema, strategySchema } from "../services/schemas";

const releaseRef = z.object({ id: z.string(), version: z.string() });

const deployInputSchema = z.object({
  deploymentId: z.string(),
  service: z.object({ id: z.string(), name: z.string(), group: z.string(), stableAddresses: z.boolean() }),
  release: releaseRef.extend({ artifactType: z.string(), artifact: z.string(), config: z.record(z.string(), z.string()) }),
  /** The release live when it was requested (null: the first deployment on the environment). */
  fromRelease: releaseRef.nullable(),
  strategy: strategySchema,
  healthCheck: healthCheckSchema,
  /** How many instances the group runs (the environment's plan). */
  desired: z.number().int().min(1),
  /** A rollback may switch back to a kept set without launching. */
  rollback: z.boolean().default(false),
});

export type DeployInput = z.infer<typeof deployInputSchema>;

export function parseDeployInput(input: unknown): DeployInput {
  const parsed = deployInputSchema.safeParse(input);
  if (!parsed.success) throw new Error(`This deploy run has no valid input: ${parsed.error.message}`);
  return parsed.data;
}
