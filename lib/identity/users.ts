// Site administration of users: list (paginated, searchable) and disable/enable. Disabling
// bumps sessionVersion, so every open session of the user, API calls and live streams
// included, stops working at once.
import type { Db, Tx } from "../db/client";
import { Conflict, NotFound } from "../errors";
import { recordAuditEvent, type RequestContext } from "../audit/record-audit-event";
import { pageOf, type Page } from "../pagination/page";
import { requireSiteAdmin } from "./permissions";
import type { Caller } from "./caller";

export type UserSummary = {
  id: string;
  email: string;
  name: string;
  isAdmin: boolean;
  disabledAt: Date | null;
  createdAt: Date;
  teams: { slug: string; role: string }[];
};

export async function listUsers(db: Tx, caller: Caller, input: { search?: string; page: number; pageSize: number }): Promise<Page<UserSummary>> {
  requireSiteAdmin(caller);
  const where = input.search
    ? { OR: [{ email: { contains: input.search, mode: "insensitive" as const } }, { name: { contains: input.search, mode: "insensitive" as const } }] }
    : {};
  const [rows, total] = await Promise.all([
    db.user.findMany({
      where,
      orderBy: [{ email: "asc" }],
      skip: (input.page - 1) * input.pageSize,
      take: input.pageSize,
      select: { id: true, email: true, name: true, isAdmin: true, disabledAt: true, createdAt: true, memberships: { select: { role: true, team: { select: { slug: true } } } } },
    }),
    db.user.count({ where }),
  ]);
  return pageOf(
    rows.map(({ memberships, ...user }) => ({ ...user, teams: memberships.map((m) => ({ slug: m.team.slug, role: m.role })) })),
    total,
    input,
  );
}

export async function setUserDisabled(db: Db, caller: Caller, input: { userId: string; disabled: boolean; context?: RequestContext }): Promise<{ id: string; email: string; disabledAt: Date | null }> {
  requireSiteAdmin(caller);
  if (input.disabled && input.userId === caller.userId) throw new Conflict("You cannot disable yourself; ask another admin");
  return db.$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id: input.userId }, select: { id: true, email: true, disabledAt: true } });
    if (!before) throw new NotFound("User not found");
    const after = await tx.user.update({
      where: { id: input.userId },
      data: { disabledAt: input.disabled ? (before.disabledAt ?? new Date()) : null, sessionVersion: { increment: 1 } },
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
    return after;
  });
}
