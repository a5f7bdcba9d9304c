// The template format's live options: a parameter may take its choices from the cloud account
// (`source`), narrowed by `filter`, and depend on earlier answers (`dependsOn`): the subnets of
// the chosen VPC, the instance types the chosen zone offers. These keywords sit in the
// parameter's JSON Schema next to type/title/default; Ajv is told they are annotations
// (validate-parameters.ts), and the live check happens against the cloud (check-live-values.ts).
import { z } from "zod";

export const LIVE_SOURCES = ["instanceTypes", "images", "zones", "vpcs", "subnets", "securityGroups", "keyPairs"] as const;
export type LiveSource = (typeof LIVE_SOURCES)[number];

/** Which earlier answers each source can be narrowed by, keyed by the source of that answer. */
export const DEPENDENCIES: Readonly<Record<LiveSource, readonly LiveSource[]>> = {
  instanceTypes: ["zones"],
  subnets: ["vpcs", "zones"],
  securityGroups: ["vpcs"],
  images: [],
  zones: [],
  vpcs: [],
  keyPairs: [],
};

/** Which filter keys each source understands; the rest are refused at publish. */
export const FILTER_KEYS: Readonly<Record<LiveSource, readonly string[]>> = {
  instanceTypes: ["minVcpu", "maxVcpu", "minMemoryGiB", "maxMemoryGiB", "architecture", "families", "currentGeneration"],
  images: ["owner", "name", "architecture"],
  zones: [],
  vpcs: [],
  subnets: [],
  securityGroups: [],
  keyPairs: [],
};

const count = z.number().int().min(1).max(512);
const memory = z.number().positive().max(24_576);

export const liveFilterSpec = z
  .object({
    minVcpu: count.optional().meta({ description: "instanceTypes: at least this many vCPUs" }),
    maxVcpu: count.optional().meta({ description: "instanceTypes: at most this many vCPUs" }),
    minMemoryGiB: memory.optional().meta({ description: "instanceTypes: at least this much memory (GiB)" }),
    maxMemoryGiB: memory.optional().meta({ description: "instanceTypes: at most this much memory (GiB)" }),
    architecture: z.enum(["x86_64", "arm64"]).optional().meta({ description: "instanceTypes and images: the processor architecture" }),
    families: z
      .array(z.string().regex(/^[a-z][a-z0-9-]*$/, "is not an instance family like t3 or m6i"))
      .min(1)
      .max(30)
      .optional()
      .meta({ description: "instanceTypes: only these families, e.g. [t3, m6i]" }),
    currentGeneration: z.boolean().optional().meta({ description: "instanceTypes: only current-generation types (default true)" }),
    owner: z.string().min(1).optional().meta({ description: "images: the owner (account id, amazon, self); default self" }),
    name: z.string().min(1).optional().meta({ description: "images: a name pattern with * and ? wildcards" }),
  })
  .strict()
  .meta({ description: "Narrows a live source's options" });

export type LiveFilter = z.infer<typeof liveFilterSpec>;

/** A parameter's JSON Schema, with the live-option keywords typed; every other keyword passes through to Ajv. */
export const parameterProperty = z.looseObject({
  source: z
    .enum(LIVE_SOURCES)
    .optional()
    .meta({ description: "Take the options from the cloud account, live: instanceTypes, images, zones, vpcs, subnets, securityGroups or keyPairs" }),
  filter: liveFilterSpec.optional(),
  dependsOn: z
    .union([z.string().min(1), z.array(z.string().min(1)).min(1).max(3)])
    .optional()
    .meta({ description: "An earlier parameter (or a list) whose answer narrows the options: subnets by a vpcs or zones parameter, instanceTypes by a zones parameter, securityGroups by a vpcs parameter" }),
});

export type LiveParameter = {
  name: string;
  source: LiveSource;
  filter: LiveFilter;
  /** Names of the earlier parameters this one is narrowed by. */
  dependsOn: string[];
};

type Properties = Record<string, { source?: unknown; filter?: LiveFilter; dependsOn?: unknown }>;

export const dependsOnList = (value: unknown): string[] => (typeof value === "string" ? [value] : Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : []);

/** The parameters of a (stored, already validated) parameter schema that have a live source. */
export function liveParameters(schema: Record<string, unknown>): LiveParameter[] {
  const properties = (schema.properties ?? {}) as Properties;
  return Object.entries(properties).flatMap(([name, property]) => {
    if (typeof property?.source !== "string" || !(LIVE_SOURCES as readonly string[]).includes(property.source)) return [];
    return [{ name, source: property.source as LiveSource, filter: property.filter ?? {}, dependsOn: dependsOnList(property.dependsOn) }];
  });
}

export function liveParameter(schema: Record<string, unknown>, name: string): LiveParameter | undefined {
  return liveParameters(schema).find((parameter) => parameter.name === name);
}
