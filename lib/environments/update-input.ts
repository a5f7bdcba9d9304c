// What an update run carries (Run.input): written when the update is applied, read by its steps.
// The plan is resolved when the update is asked for, as a request's is, so what was reviewed is
// what runs.
import { z } from "zod";
import type { Plan } from "../templates/resolve-plan";

const updateInputSchema = z.object({
  fromVersionId: z.string(),
  fromVersion: z.number().int(),
  toVersionId: z.string(),
  toVersion: z.number().int(),
  parameters: z.record(z.string(), z.unknown()),
  plan: z.object({ groups: z.array(z.record(z.string(), z.unknown())) }),
  /** Groups launched anew (replaced or added). */
  launch: z.array(z.string()),
  /** Groups whose existing instances are terminated once the new ones run (replaced or removed). */
  retire: z.array(z.string()),
  /** The lease end after the update (shortened when the new version allows less). */
  expiresAt: z.string(),
});

export type UpdateInput = Omit<z.infer<typeof updateInputSchema>, "plan"> & { plan: Plan };

export function parseUpdateInput(input: unknown): UpdateInput {
  const parsed = updateInputSchema.safeParse(input);
  if (!parsed.success) throw new Error(`This update run has no valid input: ${parsed.error.message}`);
  return parsed.data as unknown as UpdateInput;
}
