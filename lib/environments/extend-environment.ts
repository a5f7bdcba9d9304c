// Extend an environment's lease: by a duration from its current expiry, or until a given time.
// The new expiry is bounded by its template version's lease.max counted from now (the same
// bound a new request has), so a lease can be renewed but never made longer than the template
// allows; site admins may go past it. An environment being or already destroyed has no lease.
import { z } from "zod";
import type { Db } from "../db/client";
import { Conflict, invalidField } from "../errors";
import { recordAuditEvent, type RequestContext } from "../audit/record-audit-event";
import type { Caller } from "../identity/caller";
import { formatDuration, parseDuration } from "../templates/durations";
import type { TemplateSpec } from "../templates/template-spec";
import { findWritableEnvironment } from "./find-environment";

export const extendEnvironmentSchema = z
  .object({
    /** How much to add to the current expiry (or to now, when it has already passed): "2h", "1d", seconds. */
    by: z.union([z.string().trim().min(1), z.number().int().positive()]).optional(),
    /** The new expiry, an ISO 8601 time with a zone. */
    until: z.iso.datetime({ offset: true, error: "must be an ISO 8601 time such as 2026-12-24T18:00:00Z" }).optional(),
  })
  .strict()
  .superRefine((value, ctx) => {
    if ((value.by === undefined) === (value.until === undefined)) ctx.addIssue({ code: "custom", path: ["by"], message: "give either by (a duration) or until (a time), not both" });
  });

export type ExtendEnvironmentInput = z.infer<typeof extendEnvironmentSchema>;
export type ExtendedEnvironment = { id: string; name: string; previousExpiresAt: Date; expiresAt: Date; leaseMaxSeconds: number };

export async function extendEnvironment(
  db: Db,
  caller: Caller,
  input: ExtendEnvironmentInput & { environmentId: string; context?: RequestContext },
  now = new Date(),
): Promise<ExtendedEnvironment> {
  return db.$transaction(async (tx) => {
    const visible = await findWritableEnvironment(tx, caller, input.environmentId);
    // A destroy committed meanwhile must not be followed by a lease change: serialise on the row.
    await tx.$queryRaw`SELECT id FROM "Environment" WHERE id = ${visible.id} FOR UPDATE`;
    const environment = await tx.environment.findUniqueOrThrow({ where: { id: visible.id }, include: { templateVersion: { select: { spec: true } } } });
    if (environment.state === "destroyed" || environment.state === "destroying") throw new Conflict(`Environment ${environment.name} is ${environment.state}: its lease cannot be extended`);
    const destroying = await tx.run.findFirst({ where: { environmentId: environment.id, kind: "destroy", state: { in: ["queued", "running"] } }, select: { id: true } });
    if (destroying) throw new Conflict(`Environment ${environment.name} is being destroyed (run ${destroying.id}): its lease cannot be extended`);

    const field = input.until !== undefined ? "until" : "by";
    const expiresAt = newExpiry(input, environment.expiresAt, now);
    if (expiresAt.getTime() <= environment.expiresAt.getTime()) {
      throw invalidField(field, `must be after the current expiry (${environment.expiresAt.toISOString()}); destroy the environment to end it sooner`);
    }
    const leaseMax = (environment.templateVersion.spec as unknown as TemplateSpec).lease.max;
    const latest = new Date(now.getTime() + leaseMax * 1000);
    if (expiresAt > latest && !caller.isAdmin) {
      throw invalidField(field, `exceeds this template's maximum lease of ${formatDuration(leaseMax)} from now (at most ${latest.toISOString()})`);
    }

    await tx.environment.update({ where: { id: environment.id }, data: { expiresAt } });
    await recordAuditEvent(tx, {
      actor: { id: caller.userId, email: caller.email },
      action: "environment.extend",
      target: { type: "environment", id: environment.id },
      teamId: environment.teamId,
      before: { expiresAt: environment.expiresAt },
      after: { expiresAt, ...(expiresAt > latest ? { beyondLeaseMax: true } : {}) },
      context: input.context,
    });
    return { id: environment.id, name: environment.name, previousExpiresAt: environment.expiresAt, expiresAt, leaseMaxSeconds: leaseMax };
  });
}

function newExpiry(input: ExtendEnvironmentInput, current: Date, now: Date): Date {
  if (input.until !== undefined) return new Date(input.until);
  const seconds = parseDuration(input.by!);
  if (seconds === null) throw invalidField("by", "must be a duration like 2h, 1d or 90m");
  // An expiry already past (the reaper has not come yet) is extended from now, not from the past.
  const base = Math.max(current.getTime(), now.getTime());
  return new Date(base + seconds * 1000);
}
