import { z } from "zod";
import { isReservedVariableName } from "../config";

const region = z.string().regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, "must be a region code like us-east-1");
const envName = z
  .string()
  .regex(/^[A-Z_][A-Z0-9_]*$/, "must be an environment variable name like AWS_TEAM_A_KEY_ID")
  .refine((name) => !isReservedVariableName(name), "must not be one of Hangar's own settings (HANGAR_*, NEXTAUTH_*, DATABASE_*, REDIS_*, ...)");

export const credentialsInput = z.discriminatedUnion("source", [
  z.object({ source: z.literal("default_chain") }).strict(),
  z
    .object({
      source: z.literal("static"),
      accessKeyId: z.string().regex(/^[A-Z0-9]{16,128}$/, "must look like an access key id (AKIA...)"),
      secretAccessKey: z.string().min(16).max(256),
    })
    .strict(),
  z.object({ source: z.literal("env"), accessKeyIdEnv: envName, secretAccessKeyEnv: envName }).strict(),
]);

const accountFields = {
  name: z.string().trim().regex(/^[a-z0-9][a-z0-9-]{1,48}$/, "2-49 lower-case letters, digits and dashes"),
  provider: z.enum(["aws", "sandbox"]),
  regions: z.array(region).min(1).max(30),
  defaultRegion: region,
  endpoint: z.string().url().nullable().optional(),
  credentials: credentialsInput,
  rateLimitMode: z.enum(["aws", "off"]).default("aws"),
  isDefault: z.boolean().default(false),
};

export const createCloudAccountSchema = z
  .object(accountFields)
  .strict()
  .refine((value) => value.regions.includes(value.defaultRegion), { path: ["defaultRegion"], message: "must be one of regions" })
  // Without one the SDK would send the sandbox account's calls to real AWS.
  .refine((value) => value.provider !== "sandbox" || Boolean(value.endpoint), { path: ["endpoint"], message: "is required for a sandbox account (the sandbox's URL)" });

export const updateCloudAccountSchema = z
  .object({
    regions: accountFields.regions.optional(),
    defaultRegion: region.optional(),
    endpoint: accountFields.endpoint,
    /** Omit to keep the stored credentials. */
    credentials: credentialsInput.optional(),
    rateLimitMode: z.enum(["aws", "off"]).optional(),
    isDefault: z.boolean().optional(),
  })
  .strict();

export type CreateCloudAccountInput = z.infer<typeof createCloudAccountSchema>;
export type UpdateCloudAccountInput = z.infer<typeof updateCloudAccountSchema>;
