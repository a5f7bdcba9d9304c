// The invitee's side of an invitation: /invite shows who the link is for, and setting a
// password spends it (once; an expired, used or retired link does nothing).
import { z } from "zod";
import type { Db, Tx } from "../db/client";
import { Invalid } from "../errors";
import { recordAuditEvent, type RequestContext } from "../audit/record-audit-event";
import { hashPassword } from "./passwords";
import { hashSetupToken } from "./setup-link";
import { newPasswordField } from "./change-password";

export const acceptInvitationInput = z
  .object({
    token: z.string().min(1, "is missing: open the link you were sent").max(200),
    password: newPasswordField,
    confirmPassword: z.string().max(512),
  })
  .strict()
  .refine((input) => input.confirmPassword === input.password, { path: ["confirmPassword"], message: "does not match the password" });

export type InvitationLookup = { state: "ready"; email: string; name: string } | { state: "invalid" };

function liveWhere(token: string, now: Date) {
  return { tokenHash: hashSetupToken(token), usedAt: null, expiresAt: { gt: now }, user: { disabledAt: null } };
}

export async function findInvitation(db: Tx, token: string | undefined, now = new Date()): Promise<InvitationLookup> {
  if (!token) return { state: "invalid" };
  const row = await db.invitation.findFirst({ where: liveWhere(token, now), select: { user: { select: { email: true, name: true } } } });
  return row ? { state: "ready", email: row.user.email, name: row.user.name } : { state: "invalid" };
}

export async function acceptInvitation(db: Db, input: z.infer<typeof acceptInvitationInput>, context?: RequestContext): Promise<{ email: string }> {
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    const invitation = await tx.invitation.findFirst({ where: liveWhere(input.token, new Date()), select: { id: true, userId: true } });
    // Marked used with a condition, so two submissions of one link cannot both set a password.
    const spent = invitation ? await tx.invitation.updateMany({ where: { id: invitation.id, usedAt: null }, data: { usedAt: new Date() } }) : { count: 0 };
    if (!invitation || spent.count === 0) {
      throw new Invalid("This invitation link is expired, used or unknown: ask your administrator for a new one", [{ path: "token", message: "is expired, used or unknown" }]);
    }
    const user = await tx.user.update({ where: { id: invitation.userId }, data: { passwordHash, sessionVersion: { increment: 1 } }, select: { id: true, email: true } });
    await recordAuditEvent(tx, { actor: { id: user.id, email: user.email }, action: "user.invite_accept", target: { type: "user", id: user.id }, context });
    return { email: user.email };
  });
}
