// A site admin invites a person: the user and their team role are created at once, without a
// password (so nobody can sign in as them yet), with a one-time link the admin passes on. The
// link works as the first admin's setup link does (lib/identity/setup-link.ts): 256 random bits,
// only the SHA-256 stored, valid 7 days; inviting the same pending person again retires the
// older link. The invitee spends it by setting a password (invite-accept.ts).
import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { Db } from "../db/client";
import { newId } from "../db/ids";
import { Invalid, NotFound } from "../errors";
import { recordAuditEvent, type RequestContext } from "../audit/record-audit-event";
import { requireSiteAdmin } from "./permissions";
import { hashSetupToken } from "./setup-link";
import type { Caller } from "./caller";

export const INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000;
export const TEAM_ROLES = ["admin", "platform", "developer", "viewer"] as const;

export const inviteUserInput = z
  .object({
    email: z.string().trim().max(254, "must be at most 254 characters").pipe(z.email("must be an email address")),
    name: z.string().trim().min(1, "is required").max(100, "must be at most 100 characters"),
    teamId: z.string().min(1, "choose a team").max(100),
    role: z.enum(TEAM_ROLES, { error: "choose admin, platform, developer or viewer" }),
  })
  .strict();
export type InviteUserInput = z.infer<typeof inviteUserInput>;

export type Invitation = { user: { id: string; email: string; name: string }; inviteUrl: string; expiresAt: Date };

export function inviteUrlOf(baseUrl: string, token: string): string {
  const url = new URL("/invite", baseUrl);
  url.searchParams.set("token", token);
  return url.toString();
}

export async function inviteUser(db: Db, caller: Caller, input: InviteUserInput & { baseUrl: string; context?: RequestContext }): Promise<Invitation> {
  requireSiteAdmin(caller);
  const email = input.email.toLowerCase();
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + INVITE_TTL_MS);
  return db.$transaction(async (tx) => {
    const team = await tx.team.findUnique({ where: { id: input.teamId }, select: { id: true, slug: true } });
    if (!team) throw new Invalid("That team does not exist", [{ path: "teamId", message: "is not a team" }]);
    if (await tx.user.findUnique({ where: { email }, select: { id: true } })) {
      throw new Invalid(`${email} already has an account`, [{ path: "email", message: "already has an account: find them in the list instead" }]);
    }
    const userId = newId();
    await tx.user.create({ data: { id: userId, email, name: input.name } });
    await tx.membership.create({ data: { userId, teamId: team.id, role: input.role } });
    await tx.invitation.create({ data: { id: newId(), tokenHash: hashSetupToken(token), userId, createdById: caller.userId, expiresAt } });
    await recordAuditEvent(tx, {
      actor: { id: caller.userId, email: caller.email },
      action: "user.invite",
      target: { type: "user", id: userId },
      teamId: team.id,
      after: { email, name: input.name, team: team.slug, role: input.role, expiresAt },
      context: input.context,
    });
    return { user: { id: userId, email, name: input.name }, inviteUrl: inviteUrlOf(input.baseUrl, token), expiresAt };
  });
}

/** A new link for someone invited who has not set a password yet; their older links stop working. */
export async function reissueInvitation(db: Db, caller: Caller, input: { userId: string; baseUrl: string; context?: RequestContext }): Promise<Invitation> {
  requireSiteAdmin(caller);
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + INVITE_TTL_MS);
  return db.$transaction(async (tx) => {
    const user = await tx.user.findFirst({ where: { id: input.userId, isService: false }, select: { id: true, email: true, name: true, passwordHash: true } });
    if (!user) throw new NotFound("User not found");
    if (user.passwordHash) throw new Invalid(`${user.email} has already set a password`, [{ path: "userId", message: "has already accepted their invitation" }]);
    await tx.invitation.deleteMany({ where: { userId: user.id, usedAt: null } });
    await tx.invitation.create({ data: { id: newId(), tokenHash: hashSetupToken(token), userId: user.id, createdById: caller.userId, expiresAt } });
    await recordAuditEvent(tx, {
      actor: { id: caller.userId, email: caller.email },
      action: "user.invite_reissue",
      target: { type: "user", id: user.id },
      after: { email: user.email, expiresAt },
      context: input.context,
    });
    return { user: { id: user.id, email: user.email, name: user.name }, inviteUrl: inviteUrlOf(input.baseUrl, token), expiresAt };
  });
}
