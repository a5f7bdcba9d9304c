// Input shapes for pipelines, promotions and confirmations, shared by the REST API and the UI.
import { z } from "zod";

export const MAX_STAGES = 10;
const STAGE_NAME = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export const stageNameSchema = z
  .string("name the stage")
  .trim()
  .min(1, "name the stage")
  .max(40, "must be at most 40 characters")
  .regex(STAGE_NAME, "must be lower-case letters, digits and single dashes, like staging or prod-eu");

export const stageInputSchema = z
  .object({
    name: stageNameSchema,
    /** The environment's id, or its name within the service's team. */
    environment: z.string("choose the stage's environment").trim().min(1, "choose the stage's environment").max(200, "must be at most 200 characters"),
    requiresConfirmation: z.boolean("must be true or false").default(false),
  })
  .strict();

export const setPipelineSchema = z
  .object({
    /** In order, first stage first. An empty list removes the pipeline. */
    stages: z.array(stageInputSchema, "list the stages in order").max(MAX_STAGES, `a pipeline has at most ${MAX_STAGES} stages`),
  })
  .strict();

export type SetPipelineInput = z.infer<typeof setPipelineSchema>;
export type StageInput = z.infer<typeof stageInputSchema>;

export const promoteSchema = z
  .object({
    /** The stage whose live release goes to the next stage. */
    from: z.string("name the stage to promote from").trim().min(1, "name the stage to promote from").max(40, "must be at most 40 characters"),
  })
  .strict();

export const promoteDeploymentSchema = z.object({}).strict();
export const confirmSchema = z.object({}).strict();

export const rejectSchema = z
  .object({
    /** Why, for the deployment's history. */
    reason: z.string("must be text").trim().max(500, "must be at most 500 characters").optional(),
  })
  .strict();
