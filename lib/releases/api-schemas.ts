// The API shapes of releases and of the CI webhook's answer.
import { z } from "zod";
import { isoDate, keysetPageOf, named, personRef } from "@/lib/api-contract/common-schemas";
import { deploymentQueued } from "@/lib/deployments/api-schemas";

export const releaseView = z.object({
  id: z.string(),
  service: named,
  version: z.string(),
  artifact: z.object({ type: z.enum(["image", "archive"]), reference: z.string() }),
  config: z.record(z.string(), z.string()).meta({ description: "Non-secret settings" }),
  commitSha: z.string().nullable(),
  changelog: z.string(),
  createdBy: personRef.nullable(),
  createdAt: isoDate(),
});

export const releaseList = keysetPageOf(releaseView);

export const webhookAnswer = z.object({
  duplicate: z.boolean().meta({ description: "This X-Hangar-Delivery id was received before (200): nothing new was made" }),
  release: releaseView,
  deployment: deploymentQueued.nullable().meta({ description: "The deploy to the pipeline's first stage, with `\"deploy\": true`" }),
});
