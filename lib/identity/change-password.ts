// A user changes their own password. The current one must be right (a session left open on a
// shared machine cannot take the account over), and the change bumps sessionVersion: every
// session signed in with the old password ends, this browser's too (it is sent to sign in again).
import { z } from "zod";
import type { Db } from "../db/client";
import { Forbidden, Invalid, NotFound } from "../errors";
import { recordAuditEvent, type RequestContext } from "../audit/record-audit-event";
import { hashPassword, verifyPassword } from "./passwords";
import type { Caller } from "./caller";
import type { Throttle } from "./throttle";

export const MIN_PASSWORD_LENGTH = 12;

/** A new password: the same rule as the first admin's and an invitee's. */
export const newPasswordField = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(512, "must be at most 512 characters");

export const changePasswordInput = z
  .object({
    currentPassword: z.string().min(1, "is required").max(512),
    newPassword: newPasswordField,
    confirmPassword: z.string().max(512),
  })
  .strict()
  .refine((input) => input.confirmPassword === input.newPassword, { path: ["confirmPassword"], message: "does not match the new password" })
  .refine((input) => input.newPassword !== input.currentPassword, { path: ["newPassword"], message: "must differ from the current password" });
export type ChangePasswordInput = z.infer<typeof changePasswordInput>;

/** Only a person at a browser changes a password: an API token (even admin-scoped) cannot. */
export function requireBrowserSession(caller: Caller, what: string): void {
  if (caller.token) throw new Forbidden(`${what} needs a browser session, not an API token`);
}

/** The sign-in account throttle (throttle.ts): guesses of the current password count as failed sign-ins. */
export type AccountThrottle = Pick<Throttle, "check" | "failure" | "success">;

export async function changePassword(db: Db, caller: Caller, input: ChangePasswordInput, context?: RequestContext, throttle?: AccountThrottle): Promise<{ signedOut: true }> {
  requireBrowserSession(caller, "Changing your password");
  // Keyed as sign-in keys it, so a stolen session cannot guess the password here unthrottled.
  const account = caller.email.trim().toLowerCase();
  await throttle?.check(account, "password attempts for this account");
  const user = await db.user.findUnique({ where: { id: caller.userId }, select: { passwordHash: true } });
  if (!user) throw new NotFound("User not found");
  if (!user.passwordHash || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    await throttle?.failure(account);
    throw new Invalid("The current password is not right", [{ path: "currentPassword", message: "is not right" }]);
  }
  await throttle?.success(account);
  // Argon2 outside the transaction: it takes tens of milliseconds and holds no lock.
  const passwordHash = await hashPassword(input.newPassword);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: caller.userId }, data: { passwordHash, sessionVersion: { increment: 1 } } });
    await recordAuditEvent(tx, {
      actor: { id: caller.userId, email: caller.email },
      action: "user.password_change",
      target: { type: "user", id: caller.userId },
      after: { sessionsEnded: true },
      context,
    });
  });
  return { signedOut: true };
}
