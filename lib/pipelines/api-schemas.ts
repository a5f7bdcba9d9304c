// The API shape of a service's pipeline: its stages with what is live and what awaits confirmation.
import { z } from "zod";
import { isoDate } from "@/lib/api-contract/common-schemas";

export const pipelineView = z.object({
  service: z.object({ id: z.string(), name: z.string(), instanceGroup: z.string() }),
  canEdit: z.boolean(),
  canConfirm: z.boolean(),
  stages: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      position: z.number().int(),
      environment: z.object({ id: z.string(), name: z.string(), state: z.string() }),
      requiresConfirmation: z.boolean(),
      live: z.object({ release: z.string(), deploymentId: z.string(), since: isoDate().nullable() }).nullable(),
      pending: z
        .object({ id: z.string(), release: z.string(), source: z.string(), requestedBy: z.object({ id: z.string(), email: z.string() }).nullable(), createdAt: isoDate() })
        .nullable(),
    }),
  ),
});
