// Site administration of users: list (keyset pages by email, searchable) and disable/enable. Disabling
// bumps sessionVersion, so every open session of the user, API calls and live streams
// included, stops working at once.
import { z } from "zod";
import type { Db, Tx } from "../db/client";
import { Conflict, NotFound } from "../errors";
import { recordAuditEvent, type RequestContext } from "../audit/record-audit-event";
import type { Prisma } from "../db/generated/client";
import { keysetQueryFields, searchQueryField } from "../pagination/keyset";
import { keysetList, type KeysetSort, type ListPage } from "../pagination/keyset-list";
import { requireSiteAdmin } from "./permissions";
import type { Caller } from "./caller";

export type UserSummary = {
  id: string;
  email: string;
  name: string;
  isAdmin: boolean;
  disabledAt: Date | null;
  createdAt: Date;
  teams: { teamId: string; slug: string; role: string }[];
  /** Invited and not signed up yet: when their link expires (it may have). */
  invitation: { expiresAt: Date } | null;
};

const userSelect = {
  id: true,
  email: true,
  name: true,
  isAdmin: true,
  disabledAt: true,
  createdAt: true,
  memberships: { select: { role: true, team: { select: { id: true, slug: true } } } },
  invitations: { where: { usedAt: null }, select: { expiresAt: true }, orderBy: { expiresAt: "desc" }, take: 1 },
} satisfies Prisma.UserSelect;
type UserRow = Prisma.UserGetPayload<{ select: typeof userSelect }>;

/** By email (then id, though emails are unique); the cursor holds both. */
export const usersByEmail: KeysetSort<UserRow, [string, string]> = {
  name: "users:email",
  field: "email",
  order: "asc",
  key: z.tuple([z.string().max(320), z.string().min(1).max(100)]),
  keyOf: (row) => [row.email, row.id],
};

export const listUsersSchema = z.object({ ...keysetQueryFields(25), search: searchQueryField }).strict();

export async function listUsers(db: Tx, caller: Caller, input: z.infer<typeof listUsersSchema>): Promise<ListPage<UserSummary>> {
  requireSiteAdmin(caller);
  // Service users (team tokens' identities) are not people: they show under the team's tokens.
  const where: Prisma.UserWhereInput = input.search
    ? { isService: false, OR: [{ email: { contains: input.search, mode: "insensitive" } }, { name: { contains: input.search, mode: "insensitive" } }] }
    : { isService: false };
  const page = await keysetList({
    sort: usersByEmail,
    cursor: input.cursor,
    limit: input.limit,
    where,
    findMany: (args) => db.user.findMany({ ...args, select: userSelect }),
    count: (args) => db.user.count(args),
  });
  return { ...page, items: page.items.map(({ memberships, invitations, ...user }) => ({
      ...user,
      teams: memberships.map((m) => ({ teamId: m.team.id, slug: m.team.slug, role: m.role })),
      invitation: invitations[0] ?? null,
    })) };
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
