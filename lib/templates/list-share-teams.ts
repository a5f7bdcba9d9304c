// The teams a new template can be shared with, for the people who publish templates: sharing
// names teams outside one's own (a platform team serves many), so they see every team's slug
// and name, and nothing else about them.
import type { Tx } from "../db/client";
import { Forbidden } from "../errors";
import type { Caller } from "../identity/caller";
import { canPublishTemplates } from "../identity/permissions";

/** Enough for a list of checkboxes; an install with more teams shares with "all" or uses the API. */
const MAX_TEAMS = 500;

export async function listShareTeams(db: Tx, caller: Caller): Promise<{ slug: string; name: string }[]> {
  if (!canPublishTemplates(caller)) throw new Forbidden("Sharing templates needs the platform or admin role in a team");
  return db.team.findMany({ orderBy: [{ name: "asc" }, { slug: "asc" }], select: { slug: true, name: true }, take: MAX_TEAMS });
}
