// "Sign out everywhere": bumping sessionVersion makes every session cookie of the user stale at
// its next request (lib/identity/caller.ts compares it). API tokens are not sessions and keep
// working; they are revoked one by one in Settings.
import type { Db } from "../db/client";
import { recordAuditEvent, type RequestContext } from "../audit/record-audit-event";
import { requireBrowserSession } from "./change-password";
import type { Caller } from "./caller";

export async function signOutEverywhere(db: Db, caller: Caller, context?: RequestContext): Promise<{ signedOut: true }> {
  requireBrowserSession(caller, "Signing out everywhere");
  await db.$transaction(async (tx) => {
    const after = await tx.user.update({ where: { id: caller.userId }, data: { sessionVersion: { increment: 1 } }, select: { sessionVersion: true } });
    await recordAuditEvent(tx, {
      actor: { id: caller.userId, email: caller.email },
      action: "user.sign_out_everywhere",
      target: { type: "user", id: caller.userId },
      before: { sessionVersion: caller.sessionVersion },
      after,
      context,
    });
  });
  return { signedOut: true };
}
