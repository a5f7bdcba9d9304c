// The API shapes of cloud accounts. Secrets never appear: only whether one is stored.
import { z } from "zod";
import { isoDate, teamName } from "@/lib/api-contract/common-schemas";

export const cloudAccountView = z.object({
  id: z.string(),
  name: z.string(),
  provider: z.string(),
  regions: z.array(z.string()),
  defaultRegion: z.string(),
  endpoint: z.string().nullable(),
  credentialSource: z.string().meta({ description: "default-chain, static or env" }),
  accessKeyId: z.string().nullable(),
  hasSecret: z.boolean().meta({ description: "A secret access key is stored (sealed); it is never returned" }),
  accessKeyIdEnv: z.string().nullable(),
  secretAccessKeyEnv: z.string().nullable(),
  rateLimitMode: z.string(),
  isDefault: z.boolean(),
  ownerTeam: teamName.nullable(),
  sharedWith: z.union([z.literal("all"), z.array(teamName)]),
  lastTestedAt: isoDate().nullable(),
  lastTestOk: z.boolean().nullable(),
  lastTestMessage: z.string().nullable(),
  createdAt: isoDate(),
  updatedAt: isoDate(),
});

/** What non-admins see: enough to choose an account and region when requesting. */
const cloudAccountChoice = z.object({
  id: z.string(),
  name: z.string(),
  provider: z.string(),
  regions: z.array(z.string()),
  defaultRegion: z.string(),
  isDefault: z.boolean(),
  teams: z.array(z.string()),
});

export const cloudAccountList = z.object({
  items: z.union([z.array(cloudAccountView), z.array(cloudAccountChoice)]).meta({ description: "Admins get the details; everyone else the choices" }),
});

export const connectionTest = z.object({ ok: z.boolean(), message: z.string(), latencyMs: z.number(), region: z.string() });
