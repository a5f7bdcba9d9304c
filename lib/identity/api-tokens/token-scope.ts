// What a token may do. Scopes cap the roles of whoever the token acts as, so the same
// permission checks that guard a browser session guard a token (authorization stays at data
// access in lib/): read sees what the owner sees; write also changes environments, templates
// and deployments; admin is everything the owner may do, site administration included.
import type { ApiTokenScope, TeamRole } from "../../db/generated/client";
import type { Caller } from "../caller";

export const TOKEN_SCOPES = ["read", "write", "admin"] as const satisfies readonly ApiTokenScope[];

const RANK: Record<TeamRole, number> = { admin: 4, platform: 3, developer: 2, viewer: 1 };
/** The most a scope allows in a team. */
const SCOPE_ROLE: Record<ApiTokenScope, TeamRole> = { read: "viewer", write: "platform", admin: "admin" };

function capRole(role: TeamRole, scope: ApiTokenScope): TeamRole {
  const cap = SCOPE_ROLE[scope];
  return RANK[role] > RANK[cap] ? cap : role;
}

export type TokenGrant = { id: string; scope: ApiTokenScope; team: { id: string; slug: string; name: string } | null };

/**
 * The caller a token acts as. Personal: its owner with roles capped by the scope. Team: the
 * team's service user with exactly one membership, whose role is the scope's.
 */
export function scopedCaller(owner: Caller, grant: TokenGrant): Caller {
  const memberships = grant.team
    ? [{ teamId: grant.team.id, teamSlug: grant.team.slug, teamName: grant.team.name, role: SCOPE_ROLE[grant.scope] }]
    : owner.memberships.map((m) => ({ ...m, role: capRole(m.role, grant.scope) }));
  return { ...owner, isAdmin: owner.isAdmin && grant.scope === "admin" && !grant.team, memberships, token: { id: grant.id, scope: grant.scope, teamId: grant.team?.id ?? null } };
}

/** Read-only tokens may only read: any unsafe method is refused before it reaches lib/. */
export function scopeAllowsMethod(scope: ApiTokenScope, method: string): boolean {
  return scope !== "read" || method === "GET" || method === "HEAD" || method === "OPTIONS";
}
