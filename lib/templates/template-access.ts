// Who may use and who may change a template. Using (list, read, request) is limited to the team
// that owns it and the teams it is shared with (all teams, or a list); site admins see everything. Changing
// (publishing, deprecating, archiving, sharing) needs the platform or admin role in the team that
// owns it; templates without an owning team (published by the system) only site admins change.
import { Prisma } from "../db/generated/client";
import type { Caller } from "../identity/caller";
import { hasTeamPermission, teamIdsWith } from "../identity/permissions";

/** A Prisma filter: templates the caller's teams may use. */
export function usableTemplateWhere(caller: Caller): Prisma.TemplateWhereInput {
  if (caller.isAdmin) return {};
  const teamIds = caller.memberships.map((m) => m.teamId);
  return { OR: [{ sharedWithAll: true }, { ownerTeamId: { in: teamIds } }, { teams: { some: { teamId: { in: teamIds } } } }] };
}

/**
 * The same rule as usableTemplateWhere for raw SQL over "Template" aliased `alias`. One text for
 * every caller (admin-ness is a parameter), so it stays one prepared statement.
 */
export function usableTemplateSql(caller: Caller, alias: string): Prisma.Sql {
  const t = Prisma.raw(`"${alias.replace(/"/g, "")}"`);
  const teamIds = caller.memberships.map((m) => m.teamId);
  return Prisma.sql`(${caller.isAdmin}::boolean OR ${t}."sharedWithAll" OR ${t}."ownerTeamId" = ANY(${teamIds}::text[])
    OR EXISTS (SELECT 1 FROM "TemplateTeam" tt WHERE tt."templateId" = ${t}."id" AND tt."teamId" = ANY(${teamIds}::text[])))`;
}

export function canManageTemplate(caller: Caller, template: { ownerTeamId: string | null }): boolean {
  if (caller.isAdmin) return true;
  return template.ownerTeamId !== null && hasTeamPermission(caller, template.ownerTeamId, "template:write");
}

/** Teams in which the caller may create templates (platform or admin role). */
export function templateTeams(caller: Caller): string[] {
  return teamIdsWith(caller, "template:write");
}
