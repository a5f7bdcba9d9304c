// Every mutation writes one of these (who, what, when, from where, before/after). Callers pass
// the transaction client so the event commits or rolls back with the change it describes.
import { Prisma } from "../db/generated/client";
import { jsonParam } from "../db/one-statement";
import type { Tx } from "../db/client";

/** Where a change came from; apiTokenId is set when it was made with an API token. */
export type RequestContext = { ip?: string | null; userAgent?: string | null; apiTokenId?: string | null };
export type AuditActor = { id: string; email: string } | { system: string };

export type AuditInput = {
  actor: AuditActor;
  action: string;
  target: { type: string; id?: string | null };
  teamId?: string | null;
  before?: unknown;
  after?: unknown;
  context?: RequestContext;
};

const SECRET_KEY = /(secret|password|token|credential|authorization|cookie|userdata)/i;

/** Drops values under secret-looking keys, at any depth, so audit rows never hold secrets. */
export function scrubSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(scrubSecrets);
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([key, inner]) => [key, SECRET_KEY.test(key) ? "[redacted]" : scrubSecrets(inner)]),
    );
  }
  if (typeof value === "bigint") return value.toString();
  return value;
}

/** The INSERT of one audit event, to run on its own or inside a larger statement (oneStatement). */
export function auditEventInsert(input: AuditInput, at = new Date()): Prisma.Sql {
  const [actorId, actorEmail] = "system" in input.actor ? [null, `system:${input.actor.system}`] : [input.actor.id, input.actor.email];
  return Prisma.sql`
    INSERT INTO "AuditEvent" ("at", "actorId", "actorEmail", "action", "targetType", "targetId", "teamId", "before", "after", "ip", "userAgent", "apiTokenId")
    VALUES (${at}, ${actorId}, ${actorEmail}, ${input.action}, ${input.target.type}, ${input.target.id ?? null}, ${input.teamId ?? null},
      ${jsonParam(scrubSecrets(input.before))}::jsonb, ${jsonParam(scrubSecrets(input.after))}::jsonb,
      ${input.context?.ip?.slice(0, 100) ?? null}, ${input.context?.userAgent?.slice(0, 500) ?? null}, ${input.context?.apiTokenId ?? null})`;
}

export async function recordAuditEvent(db: Tx, input: AuditInput): Promise<void> {
  await db.$executeRaw(auditEventInsert(input));
}
