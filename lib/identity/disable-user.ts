import type { Db } from "../db/client";
import { NotFound } from "../errors";
import { recordAuditEvent, type RequestContext } from "../audit/record-audit-event";
import { requireSiteAdmin } from "./permissions";
import type { Caller } from "./caller";

/** Disabling bumps sessionVersion: every open session of the user stops working at once. */
export async function setUserDisabled(db: Db, caller: Caller, input: { userId: string; disabled: boolean; context?: RequestContext }): Promise<void> {
  requireSiteAdmin(caller);
  await db.$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id: input.userId }, select: { id: true, email: true, disabledAt: true } });
    if (!before) throw new NotFound("User not found");
    const after = await tx.user.update({
      where: { id: input.userId },
      data: { disabledAt: input.disabled ? new Date() : null, sessionVersion: { increment: 1 } },
      select: { id: true, email: true, disabledAt: true },
    });
    await recordAuditEvent(tx, {
      actor: { id: caller.userId, email: caller.email },
      action: input.disabled ? "user.disable" : "user.enable",
      target: { type: "user", id: input.userId },
      before,
      after,
      context: input.context,
    });
  });
}
