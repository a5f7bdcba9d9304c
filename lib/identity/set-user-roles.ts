// A site admin sets a person's team roles: the full list of (team, role) replaces what they had,
// in one transaction with an audit event holding both lists. Roles are read on every request
// (lib/identity/caller.ts), so the change holds from the person's next click.
import { z } from "zod";
import type { Db } from "../db/client";
import { Invalid, NotFound } from "../errors";
import { recordAuditEvent, type RequestContext } from "../audit/record-audit-event";
import { requireSiteAdmin } from "./permissions";
import { TEAM_ROLES } from "./invite-user";
import type { Caller } from "./caller";

export const setUserRolesInput = z
  .object({
    roles: z
      .array(z.object({ teamId: z.string().min(1, "choose a team").max(100), role: z.enum(TEAM_ROLES, { error: "choose admin, platform, developer or viewer" }) }).strict())
      .max(200, "at most 200 teams"),
  })
  .strict();
export type SetUserRolesInput = z.infer<typeof setUserRolesInput>;

type Role = { team: string; role: string };
const byTeam = (a: Role, b: Role) => a.team.localeCompare(b.team);

export async function setUserRoles(db: Db, caller: Caller, input: SetUserRolesInput & { userId: string; context?: RequestContext }): Promise<{ id: string; email: string; teams: Role[] }> {
  requireSiteAdmin(caller);
  const seen = new Set<string>();
  input.roles.forEach((entry, index) => {
    if (seen.has(entry.teamId)) throw new Invalid("A team is listed twice", [{ path: `roles.${index}.teamId`, message: "is listed twice: give each team one role" }]);
    seen.add(entry.teamId);
  });
  return db.$transaction(async (tx) => {
    // Service users (team tokens) are not people: their one role is their token's scope.
    const user = await tx.user.findFirst({
      where: { id: input.userId, isService: false },
      select: { id: true, email: true, memberships: { select: { role: true, team: { select: { slug: true } } } } },
    });
    if (!user) throw new NotFound("User not found");
    const teams = await tx.team.findMany({ where: { id: { in: [...seen] } }, select: { id: true, slug: true } });
    const slugOf = new Map(teams.map((team) => [team.id, team.slug]));
    input.roles.forEach((entry, index) => {
      if (!slugOf.has(entry.teamId)) throw new Invalid("That team does not exist", [{ path: `roles.${index}.teamId`, message: "is not a team" }]);
    });
    await tx.membership.deleteMany({ where: { userId: user.id } });
    if (input.roles.length > 0) await tx.membership.createMany({ data: input.roles.map((entry) => ({ userId: user.id, teamId: entry.teamId, role: entry.role })) });
    const before = user.memberships.map((m) => ({ team: m.team.slug, role: m.role })).sort(byTeam);
    const after = input.roles.map((entry) => ({ team: slugOf.get(entry.teamId)!, role: entry.role })).sort(byTeam);
    await recordAuditEvent(tx, {
      actor: { id: caller.userId, email: caller.email },
      action: "user.roles_change",
      target: { type: "user", id: user.id },
      before: { teams: before },
      after: { teams: after },
      context: input.context,
    });
    return { id: user.id, email: user.email, teams: after };
  });
}

/** Every team, for the admin's team pickers (installs have tens of teams, not thousands). */
export async function listTeams(db: Pick<Db, "team">, caller: Caller): Promise<{ id: string; slug: string; name: string }[]> {
  requireSiteAdmin(caller);
  return db.team.findMany({ orderBy: [{ name: "asc" }, { slug: "asc" }], select: { id: true, slug: true, name: true }, take: 1000 });
}
