// Who is calling, loaded fresh from Postgres on every request: a disabled user or a bumped
// sessionVersion revokes existing sessions immediately, whatever the JWT cookie says.
import type { Tx } from "../db/client";
import type { ApiTokenScope, TeamRole } from "../db/generated/client";

export type Caller = {
  userId: string;
  email: string;
  name: string;
  isAdmin: boolean;
  /** The user's session version when loaded: long-lived streams re-check the caller with it. */
  sessionVersion: number;
  memberships: { teamId: string; teamSlug: string; teamName: string; role: TeamRole }[];
  /** Set when the call came with an API token (absent: a browser session). */
  token?: { id: string; scope: ApiTokenScope; teamId: string | null };
};

export async function loadCaller(db: Tx, userId: string, sessionVersion?: number): Promise<Caller | null> {
  const user = await db.user.findUnique({
    where: { id: userId },
    include: { memberships: { include: { team: { select: { slug: true, name: true } } }, orderBy: { createdAt: "asc" } } },
  });
  if (!user || user.disabledAt) return null;
  if (sessionVersion !== undefined && user.sessionVersion !== sessionVersion) return null;
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    isAdmin: user.isAdmin,
    sessionVersion: user.sessionVersion,
    memberships: user.memberships.map((m) => ({ teamId: m.teamId, teamSlug: m.team.slug, teamName: m.team.name, role: m.role })),
  };
}
