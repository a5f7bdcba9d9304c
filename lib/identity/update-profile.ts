// A user's own profile: the display name. The email is the sign-in name and stays as the
// admin created it.
import { z } from "zod";
import type { Db } from "../db/client";
import { recordAuditEvent, type RequestContext } from "../audit/record-audit-event";
import type { Caller } from "./caller";

export const updateProfileInput = z.object({ name: z.string().trim().min(1, "is required").max(100, "must be at most 100 characters") }).strict();

export async function updateProfile(db: Db, caller: Caller, input: z.infer<typeof updateProfileInput>, context?: RequestContext): Promise<{ name: string; email: string }> {
  return db.$transaction(async (tx) => {
    const after = await tx.user.update({ where: { id: caller.userId }, data: { name: input.name }, select: { name: true, email: true } });
    await recordAuditEvent(tx, {
      actor: { id: caller.userId, email: caller.email },
      action: "user.profile_update",
      target: { type: "user", id: caller.userId },
      before: { name: caller.name },
      after: { name: after.name },
      context,
    });
    return after;
  });
}
