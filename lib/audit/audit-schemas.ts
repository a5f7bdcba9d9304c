// Query and answer shapes of the audit log: the same filters serve the list (keyset pages by
// newest first), the export and the admin page, so a filtered page exports what it shows.
import { z } from "zod";
import { createdAtRange } from "../deployments/history-schemas";
import { keysetQueryFields } from "../pagination/keyset";

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const moment = z
  .string()
  .trim()
  .refine((text) => (DAY.test(text) || z.iso.datetime({ offset: true }).safeParse(text).success) && !Number.isNaN(Date.parse(text)), {
    message: "must be a date (2026-12-01) or an ISO 8601 time (2026-12-01T09:30:00Z)",
  });
const text = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`).optional();

export const auditFilterFields = {
  /** Part of the actor's email (or `system:` for the system's own changes). */
  actor: text(320),
  /** An action or its start: `user.` matches user.invite, user.disable... */
  action: text(100),
  /** The kind of thing changed: user, environment, api_token... */
  targetType: text(60),
  /** Team id. */
  teamId: text(100),
  /** On or after; a date means from its start (UTC). */
  from: moment.optional(),
  /** On or before; a date means through its end (UTC). */
  to: moment.optional(),
  /** Part of the action, actor email, target type or id, or address. */
  q: text(100),
};

function checkRange<T extends { from?: string | undefined; to?: string | undefined }>(input: T, ctx: z.RefinementCtx): void {
  const range = createdAtRange(input);
  const end = range.lt ?? range.lte;
  if (range.gte && end && end < range.gte) ctx.addIssue({ code: "custom", path: ["to"], message: "is before from" });
}

export const listAuditEventsQuery = z.object({ ...keysetQueryFields(50), ...auditFilterFields }).strict().superRefine(checkRange);
export type ListAuditEventsInput = z.infer<typeof listAuditEventsQuery>;

export const exportAuditEventsQuery = z
  .object({ ...auditFilterFields, format: z.enum(["csv", "jsonl"], { error: "must be csv or jsonl" }).default("csv") })
  .strict()
  .superRefine(checkRange);
export type ExportAuditEventsInput = z.infer<typeof exportAuditEventsQuery>;

export const auditEventView = z.object({
  id: z.string(),
  at: z.iso.datetime(),
  actor: z.object({ id: z.string().nullable(), email: z.string().nullable() }),
  action: z.string(),
  target: z.object({ type: z.string(), id: z.string().nullable() }),
  team: z.object({ id: z.string(), slug: z.string().nullable() }).nullable(),
  before: z.unknown(),
  after: z.unknown(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  apiTokenId: z.string().nullable(),
});
export type AuditEventView = Omit<z.infer<typeof auditEventView>, "at"> & { at: Date };

export const auditEventPage = z.object({
  items: z.array(auditEventView),
  total: z.number(),
  totalCapped: z.boolean(),
  page: z.number().nullable(),
  limit: z.number(),
  nextCursor: z.string().nullable(),
  prevCursor: z.string().nullable(),
});
