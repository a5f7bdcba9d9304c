// Input shapes for deployments, shared by the REST API, the UI and the CLI.
import { z } from "zod";
import { strategySchema } from "../services/schemas";

const reference = (what: string) => z.string(`choose ${what}`).trim().min(1, `choose ${what}`).max(200, "must be at most 200 characters");

export const requestDeploymentSchema = z
  .object({
    /** The release's version (or id) of this service. */
    release: reference("the release to deploy"),
    /** The environment's id, or its name within the service's team. */
    environment: reference("the environment to deploy to"),
    /** Overrides the service's default strategy for this deployment. */
    strategy: strategySchema.optional(),
  })
  .strict();

export type RequestDeploymentInput = z.infer<typeof requestDeploymentSchema>;

export const rollbackSchema = z.object({}).strict();
