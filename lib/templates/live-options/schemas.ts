// The options route's query and answer. Every query key other than the four below is an answer
// to an earlier parameter (`?parameter=subnet&vpc=vpc-0abc`), so a template's parameters should
// not be named parameter, templateVersion, cloudAccount or region if others depend on them.
import { z } from "zod";

export const parameterOptionsQuerySchema = z
  .object({
    parameter: z.string().min(1).max(100),
    templateVersion: z.coerce.number().int().positive().optional(),
    cloudAccount: z.string().min(1).max(200).optional(),
    region: z.string().min(1).max(50).optional(),
  })
  .catchall(z.string().max(500));

export const parameterOptionsResponseSchema = z
  .object({
    options: z.array(z.object({ value: z.string(), label: z.string(), detail: z.string().optional() }).strict()),
    /** When the oldest cloud answer behind these options was fetched (they are cached briefly). */
    cachedAt: z.string(),
  })
  .strict();

export type ParameterOptionsQuery = z.infer<typeof parameterOptionsQuerySchema>;
