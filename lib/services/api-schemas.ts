// The API shapes of services and of an issued webhook secret (the one answer that shows it).
import { z } from "zod";
import { isoDate, listPageOf, named, personRef, teamRef } from "@/lib/api-contract/common-schemas";
import { strategyView } from "@/lib/deployments/api-schemas";

export const serviceView = z.object({
  id: z.string(),
  name: z.string(),
  team: teamRef,
  description: z.string(),
  repositoryUrl: z.string().nullable(),
  template: z.object({ id: z.string(), slug: z.string(), name: z.string() }),
  instanceGroup: z.string(),
  healthCheck: z.object({
    statusChecks: z.literal(true),
    http: z.object({ path: z.string(), port: z.number().int(), expectedStatus: z.number().int(), timeoutSeconds: z.number() }).nullable(),
  }),
  defaultStrategy: strategyView,
  stableAddresses: z.boolean(),
  createdBy: personRef.nullable(),
  createdAt: isoDate(),
  updatedAt: isoDate(),
  releaseCount: z.number().int(),
  latestRelease: z.object({ version: z.string(), createdAt: isoDate() }).nullable(),
  webhook: z.object({ configured: z.boolean(), rotatedAt: isoDate().nullable() }).meta({ description: "Whether CI can post releases; the secret itself is never shown again" }),
  canWrite: z.boolean(),
});

export const serviceList = listPageOf(serviceView);

/** Shown once, by design: CI signs its release posts with this secret. */
export const issuedWebhookSecret = z.object({
  service: named,
  secret: z.string().meta({ description: "Shown only in this answer: store it in CI now" }),
  rotatedAt: isoDate(),
  replaced: z.boolean(),
  webhookUrl: z.string(),
});
