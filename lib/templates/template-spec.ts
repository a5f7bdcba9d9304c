// The shape of a template version as platform teams write it (YAML), validated with zod.
// String fields may hold `${{ ... }}` references, resolved per environment by resolve-plan.ts.
import { z } from "zod";
import { parseDuration } from "./durations";

const duration = z
  .union([z.string(), z.number()])
  .transform((value, ctx) => {
    const seconds = parseDuration(value);
    if (seconds === null) {
      ctx.addIssue({ code: "custom", message: `"${value}" is not a duration like 30m, 8h or 3d` });
      return z.NEVER;
    }
    return seconds;
  });

const imageLookup = z
  .object({
    owner: z.string().min(1),
    name: z.string().min(1),
    architecture: z.enum(["x86_64", "arm64"]).optional(),
  })
  .strict();

export const instanceGroupSpec = z
  .object({
    name: z.string().regex(/^[a-z][a-z0-9-]{0,30}$/, "lower-case letters, digits and dashes, starting with a letter"),
    /** An AMI id (or a reference to a parameter holding one), or a lookup of the newest image by owner + name pattern. */
    image: z.union([z.string().min(1), imageLookup]),
    instanceType: z.string().min(1),
    count: z.union([z.number().int().min(1).max(50), z.string().min(1)]).default(1),
    userData: z.string().max(16_384).optional(),
    tags: z.record(z.string().min(1).max(128), z.string().max(256)).default({}),
    subnetId: z.string().optional(),
    securityGroupIds: z.array(z.string()).optional(),
    keyName: z.string().optional(),
    /** Tried in order when the cloud has no capacity for the first choice. */
    alternatives: z
      .object({
        instanceTypes: z.array(z.string().min(1)).max(5).default([]),
        zones: z.array(z.string().min(1)).max(6).default([]),
      })
      .strict()
      .optional(),
  })
  .strict();

export const templateSpecSchema = z
  .object({
    name: z.string().min(1).max(100),
    description: z.string().max(2000).default(""),
    /** JSON Schema (type: object) for the request form and for validating parameters. */
    parameters: z.record(z.string(), z.unknown()).default({ type: "object", properties: {} }),
    lease: z.object({ default: duration, max: duration }).strict(),
    instanceGroups: z.array(instanceGroupSpec).min(1).max(20),
    outputs: z.record(z.string().regex(/^[A-Za-z][\w-]{0,40}$/), z.string().max(1000)).default({}),
  })
  .strict();

export type InstanceGroupSpec = z.infer<typeof instanceGroupSpec>;
export type TemplateSpec = z.infer<typeof templateSpecSchema>;
