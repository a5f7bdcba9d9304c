import type { Db } from "../db/client";
import { recordAuditEvent, type RequestContext } from "../audit/record-audit-event";
import { dummyPasswordHash, verifyPassword } from "./passwords";

export type SignedInUser = { id: string; email: string; name: string; sessionVersion: number };

/** Checks an email + password; records the attempt (success or failure) in the audit log. */
export async function authenticateWithPassword(
  db: Db,
  input: { email: string; password: string; context?: RequestContext },
): Promise<SignedInUser | null> {
  const email = input.email.trim().toLowerCase();
  const user = await db.user.findUnique({ where: { email }, omit: { passwordHash: false } });
  const ok = user?.passwordHash
    ? await verifyPassword(user.passwordHash, input.password)
    : (await verifyPassword(await dummyPasswordHash(), input.password), false);
  const allowed = Boolean(user && ok && !user.disabledAt);

  await db.$transaction(async (tx) => {
    if (allowed && user) {
      await tx.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
    }
    await recordAuditEvent(tx, {
      actor: user ? { id: user.id, email: user.email } : { system: "anonymous" },
      action: allowed ? "auth.sign_in" : "auth.sign_in_failed",
      target: { type: "user", id: user?.id ?? null },
      after: allowed ? undefined : { email, reason: !user ? "unknown_email" : user.disabledAt ? "disabled" : "wrong_password" },
      context: input.context,
    });
  });
  return allowed && user ? { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion } : null;
}
