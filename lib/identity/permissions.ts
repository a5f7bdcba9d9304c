// Team roles, from most to least powerful. Authorization is expressed as the set of team ids a
// caller may act on, which every query then filters by (a foreign id is simply "not found").
import type { TeamRole } from "../db/generated/client";
import { Forbidden } from "../errors";
import type { Caller } from "./caller";

const RANK: Record<TeamRole, number> = { admin: 4, platform: 3, developer: 2, viewer: 1 };

export type TeamPermission = "environment:read" | "environment:write" | "template:write";

const MIN_ROLE: Record<TeamPermission, TeamRole> = {
  "environment:read": "viewer",
  "environment:write": "developer",
  "template:write": "platform",
};

/** Teams where the caller holds at least the role the permission needs. Site admins: all theirs. */
export function teamIdsWith(caller: Caller, permission: TeamPermission): string[] {
  const needed = RANK[MIN_ROLE[permission]];
  return caller.memberships.filter((m) => caller.isAdmin || RANK[m.role] >= needed).map((m) => m.teamId);
}

export function hasTeamPermission(caller: Caller, teamId: string, permission: TeamPermission): boolean {
  return teamIdsWith(caller, permission).includes(teamId);
}

export function requireSiteAdmin(caller: Caller): void {
  if (!caller.isAdmin) throw new Forbidden("Only administrators can do this");
}

export function canPublishTemplates(caller: Caller): boolean {
  return caller.isAdmin || caller.memberships.some((m) => RANK[m.role] >= RANK.platform);
}
