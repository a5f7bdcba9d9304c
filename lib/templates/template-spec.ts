// The shape of a template version as platform teams write it (YAML), validated with zod.
// String fields may hold `${{ ... }}` references, resolved per environment by resolve-plan.ts.
import { z } from "zod";
import { parseDuration } from "./durations";
import { parameterProperty } from "./live-options/live-parameter-spec";

const duration = z
  .union([
    z.string().regex(/^\s*(\d+|(\d+[wW])?(\d+[dD])?(\d+[hH])?(\d+[mM])?(\d+[sS])?)\s*$/, "is not a duration like 30m, 8h, 3d or 1h30m"),
    z.number().int().positive(),
  ])
  .meta({ description: "A duration: 90m, 8h, 3d, 2w, or seconds" })
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
    owner: z.string().min(1).meta({ description: "Image owner: an account id, or amazon / self / aws-marketplace" }),
    name: z.string().min(1).meta({ description: "Image name pattern (* and ? wildcards); the newest match is used" }),
    architecture: z.enum(["x86_64", "arm64"]).optional(),
  })
  .strict()
  .meta({ description: "The newest image matching owner and name, looked up per region" });

export const instanceGroupSpec = z
  .object({
    name: z.string().regex(/^[a-z][a-z0-9-]{0,30}$/, "lower-case letters, digits and dashes, starting with a letter").meta({ description: "The group's name, unique in the template" }),
    /** An AMI id (or a reference to a parameter holding one), or a lookup of the newest image by owner + name pattern. */
    image: z.union([z.string().min(1), imageLookup]),
    instanceType: z.string().min(1).meta({ description: "An EC2 instance type, or ${{ params.<name> }}" }),
    count: z.union([z.number().int().min(1).max(50), z.string().min(1)]).default(1).meta({ description: "How many instances: 1-50, or ${{ params.<name> }}" }),
    userData: z.string().max(16_384).optional().meta({ description: "Cloud-init user data (a script); ${{ params.<name> }} and ${{ env.name }} are filled in" }),
    tags: z.record(z.string().min(1).max(128), z.string().max(256)).default({}),
    subnetId: z.string().optional(),
    securityGroupIds: z.array(z.string()).optional(),
    keyName: z.string().optional(),
    /** false: no public IPv4 address, whatever the subnet's default (a database on a private address). */
    publicIp: z
      .boolean()
      .optional()
      .meta({ description: "true or false: whether the instances get a public IPv4 address; absent: the subnet's setting decides" }),
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

/** Enough for a row of buttons above the form; more is a sign the parameters want rethinking. */
export const MAX_PRESETS = 10;

const presetSpec = z
  .object({
    title: z.string().min(1).max(60).optional().meta({ description: "The preset's name as people see it (its key when absent)" }),
    description: z.string().max(500).optional(),
    parameters: z.record(z.string(), z.unknown()).default({}).meta({ description: "Parameter values; the parameters left out keep their defaults" }),
  })
  .strict()
  .meta({ description: "A named set of parameter values offered by the request form" });

export const templateSpecSchema = z
  .object({
    name: z.string().min(1).max(100).meta({ description: "The template's name, as people see it" }),
    description: z.string().max(2000).default(""),
    /** Catalog filters: few and plain, so the filter chips stay readable. */
    tags: z
      .array(z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "lower-case letters, digits and dashes, like web or data-science").max(30))
      .max(10)
      .refine((tags) => new Set(tags).size === tags.length, "lists a tag twice")
      .optional()
      .meta({ description: "Up to 10 catalog tags (lower-case words and dashes, e.g. web, database), to find the template by" }),
    /** JSON Schema (type: object) for the request form and for validating parameters. */
    parameters: z
      .looseObject({ properties: z.record(z.string(), parameterProperty).optional() })
      .default({ type: "object", properties: {} })
      .meta({ description: "A JSON Schema with type: object: the request form, and what requests are checked against" }),
    /** Named sets of parameter values the form offers as one click; checked against `parameters` at publish (check-presets.ts). */
    presets: z
      .record(z.string().regex(/^[a-z][a-z0-9-]{0,30}$/, "lower-case letters, digits and dashes, starting with a letter, like small or perf"), presetSpec)
      .refine((presets) => Object.keys(presets).length <= MAX_PRESETS, `at most ${MAX_PRESETS} presets`)
      .optional()
      .meta({ description: `Up to ${MAX_PRESETS} named sets of parameter values (e.g. small, perf) offered by the request form` }),
    lease: z.object({ default: duration, max: duration }).strict().meta({ description: "How long environments live: the default and the most anyone may ask for" }),
    instanceGroups: z.array(instanceGroupSpec).min(1).max(20),
    outputs: z
      .record(z.string().regex(/^[A-Za-z][\w-]{0,40}$/), z.string().max(1000))
      .default({})
      .meta({ description: "Values shown once the environment is ready, e.g. http://${{ instances.web[0].publicIp }}:8080" }),
  })
  .strict();

export type InstanceGroupSpec = z.infer<typeof instanceGroupSpec>;
export type TemplateSpec = z.infer<typeof templateSpecSchema>;
export type PresetSpec = z.infer<typeof presetSpec>;
