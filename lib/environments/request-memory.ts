// What the request form remembers of each user's last request from a template: the parameters
// they gave (secrets never), and the lease and placement when they chose them. Written by the
// request's own statement (request-environment.ts), so a refused request leaves nothing.
import { z } from "zod";
import type { Tx } from "../db/client";
import { Prisma } from "../db/generated/client";
import { jsonParam } from "../db/one-statement";
import { withoutSecrets } from "../templates/secret-parameters";

/** Read tolerantly: a row written by an older release, or hand-edited, must not break the form. */
export const rememberedValuesSchema = z.object({
  parameters: z.record(z.string(), z.unknown()).catch({}),
  ttlSeconds: z.number().int().positive().optional().catch(undefined),
  teamId: z.string().optional().catch(undefined),
  cloudAccountId: z.string().optional().catch(undefined),
  region: z.string().optional().catch(undefined),
});

export type RememberedValues = z.infer<typeof rememberedValuesSchema>;

export function valuesToRemember(input: {
  parameterSchema: Record<string, unknown>;
  /** As submitted, not with defaults filled in: a default the template changes later should win. */
  parameters: Record<string, unknown>;
  ttlSeconds?: number | undefined;
  teamId?: string | undefined;
  cloudAccountId?: string | undefined;
  region?: string | undefined;
}): RememberedValues {
  return {
    parameters: withoutSecrets(input.parameterSchema, input.parameters),
    ...(input.ttlSeconds !== undefined ? { ttlSeconds: input.ttlSeconds } : {}),
    ...(input.teamId ? { teamId: input.teamId } : {}),
    ...(input.cloudAccountId ? { cloudAccountId: input.cloudAccountId } : {}),
    ...(input.region ? { region: input.region } : {}),
  };
}

/** The upsert, as a part of the request's one statement (oneStatement). */
export function requestMemoryUpsert(userId: string, templateId: string, values: RememberedValues, at: Date): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO "RequestMemory" ("userId", "templateId", "values", "updatedAt")
    VALUES (${userId}, ${templateId}, ${jsonParam(values)}::jsonb, ${at})
    ON CONFLICT ("userId", "templateId") DO UPDATE SET "values" = EXCLUDED."values", "updatedAt" = EXCLUDED."updatedAt"`;
}

/** The caller's own memory of a template; nobody reads another user's. */
export async function readRequestMemory(db: Tx, userId: string, templateId: string): Promise<{ values: RememberedValues; updatedAt: Date } | null> {
  const row = await db.requestMemory.findUnique({ where: { userId_templateId: { userId, templateId } }, select: { values: true, updatedAt: true } });
  if (!row) return null;
  const parsed = rememberedValuesSchema.safeParse(row.values);
  return parsed.success ? { values: parsed.data, updatedAt: row.updatedAt } : null;
}
