// What the cloud-account API accepts. Every field has a message a person can act on (shown
// under the field in the form and at the field's path in the API), never the validator's own
// wording ("Too small: expected string to have >=16 characters").
import { z } from "zod";
import { credentialVariableProblem, getConfig } from "../config";
import { isAwsRegion, notARegion } from "./aws-regions";

const region = z.string({ error: "A region is a code like us-east-1" }).superRefine((value, ctx) => {
  if (!isAwsRegion(value)) ctx.addIssue({ code: "custom", message: notARegion(value) });
});

/** The operator's prefix is read when a body is checked, so the schema itself is static. */
const envName = z.string({ error: "Name the environment variable that holds this key" }).superRefine((name, ctx) => {
  const prefix = getConfig().HANGAR_CREDENTIAL_ENV_PREFIX;
  const problem = credentialVariableProblem(name, prefix);
  if (problem) ctx.addIssue({ code: "custom", message: `The variable's name ${problem}` });
});

export const credentialsInput = z.discriminatedUnion(
  "source",
  [
    z.object({ source: z.literal("default_chain") }).strict(),
    z
      .object({
        source: z.literal("static"),
        accessKeyId: z
          .string({ error: "Enter the access key id" })
          .regex(/^[A-Z0-9]{16,128}$/, "An AWS access key id is 16–128 upper-case letters and digits (AKIA…)"),
        secretAccessKey: z
          .string({ error: "Enter the secret access key" })
          .min(16, "A secret access key is 16–256 characters")
          .max(256, "A secret access key is 16–256 characters"),
      })
      .strict(),
    z.object({ source: z.literal("env"), accessKeyIdEnv: envName, secretAccessKeyEnv: envName }).strict(),
  ],
  { error: "Choose where the credentials come from: default_chain, static or env" },
);

const endpoint = z
  .string({ error: "Endpoint must be an http:// or https:// URL" })
  .trim()
  .max(500, "Endpoint must be at most 500 characters")
  .refine((value) => {
    try {
      const url = new URL(value);
      // Credentials are signed and sent there: no ftp:, file:, javascript: or other schemes.
      return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
    } catch {
      return false;
    }
  }, "Endpoint must be an http:// or https:// URL (like https://ec2.example.internal)");

/** A team by slug or id. */
const teamRef = z.string({ error: "Name a team by its slug" }).trim().min(1, "Name a team by its slug").max(200, "Name a team by its slug");

const sharedWith = z.union([z.literal("all"), z.array(teamRef).max(100, "Share with at most 100 teams (or \"all\")")], {
  error: 'Share with a list of team slugs, or "all" for every team',
});

const accountFields = {
  name: z
    .string({ error: "Enter a name" })
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]{1,48}$/, "A name is 2–49 lower-case letters, digits and dashes, starting with a letter or digit"),
  provider: z.enum(["aws", "sandbox"], { error: "Provider must be aws or sandbox" }),
  regions: z
    .array(region, { error: "List the regions as codes like us-east-1" })
    .min(1, "List at least one region")
    .max(30, "List at most 30 regions"),
  defaultRegion: region,
  endpoint: endpoint.nullable().optional(),
  credentials: credentialsInput,
  rateLimitMode: z.enum(["aws", "off"], { error: "Rate limits must be aws or off" }).default("aws"),
  isDefault: z.boolean({ error: "Default must be true or false" }).default(false),
  /** The team the account belongs to (null: none; then it is shared with teams). */
  ownerTeam: teamRef.nullable().optional(),
  /** Teams besides the owner that may use it, or "all" (an explicit choice, never the default). */
  sharedWith: sharedWith.optional(),
};

const IN_REGIONS = "The default region must be one of the account's regions";

export const createCloudAccountSchema = z
  .object(accountFields)
  .strict()
  .refine((value) => value.regions.length === 0 || value.regions.includes(value.defaultRegion), { path: ["defaultRegion"], message: IN_REGIONS })
  // Without one the SDK would send the sandbox account's calls to real AWS.
  .refine((value) => value.provider !== "sandbox" || Boolean(value.endpoint), { path: ["endpoint"], message: "A sandbox account needs its endpoint (the sandbox's URL)" })
  // An account nobody may use is a mistake, not a state worth creating.
  .refine((value) => Boolean(value.ownerTeam) || value.sharedWith === "all" || (value.sharedWith?.length ?? 0) > 0, {
    path: ["ownerTeam"],
    message: "Choose the team that owns this account, or teams to share it with",
  });

export const updateCloudAccountSchema = z
  .object({
    regions: accountFields.regions.optional(),
    defaultRegion: region.optional(),
    endpoint: accountFields.endpoint,
    /** Omit to keep the stored credentials. */
    credentials: credentialsInput.optional(),
    rateLimitMode: z.enum(["aws", "off"], { error: "Rate limits must be aws or off" }).optional(),
    isDefault: z.boolean({ error: "Default must be true or false" }).optional(),
    ownerTeam: accountFields.ownerTeam,
    sharedWith: accountFields.sharedWith,
  })
  .strict();

export const IN_REGIONS_MESSAGE = IN_REGIONS;

export type CreateCloudAccountInput = z.infer<typeof createCloudAccountSchema>;
export type UpdateCloudAccountInput = z.infer<typeof updateCloudAccountSchema>;
