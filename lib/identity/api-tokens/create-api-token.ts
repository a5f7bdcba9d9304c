// Creates a personal token (acts as its creator) or a team service token (acts as a service
// user of the team, created with it). The token is returned once; only its hash is kept.
import { z } from "zod";
import type { Db } from "../../db/client";
import { newId } from "../../db/ids";
import { Forbidden, NotFound } from "../../errors";
import { recordAuditEvent, type RequestContext } from "../../audit/record-audit-event";
import type { Caller } from "../caller";
import { generateToken } from "./token-secret";
import { TOKEN_SCOPES } from "./token-scope";
import { toTokenView, tokenViewSelect, type ApiTokenView } from "./token-view";

export const createTokenInput = z
  .object({
    name: z.string().trim().min(1, "Give the token a name, e.g. the CI job that uses it").max(80, "At most 80 characters"),
    scope: z.enum(TOKEN_SCOPES, { error: "Choose read, write or admin" }),
    expiresInDays: z.number({ error: "A number of days from 1 to 366" }).int("A whole number of days").min(1, "At least 1 day").max(366, "At most 366 days: tokens must expire"),
    teamId: z.string().min(1).max(100).optional(),
  })
  .strict();
export type CreateTokenInput = z.infer<typeof createTokenInput>;

/** Tokens may only be made from a browser session or with an admin-scoped token. */
export function requireTokenManagement(caller: Caller): void {
  if (caller.token && caller.token.scope !== "admin") throw new Forbidden("Managing API tokens needs a browser session or an admin-scoped token");
}

/** Team tokens are managed by the team's admins (and site admins). */
export function requireTeamAdmin(caller: Caller, teamId: string): void {
  const member = caller.memberships.find((m) => m.teamId === teamId);
  if (!caller.isAdmin && !member) throw new NotFound("Team not found");
  if (!caller.isAdmin && member?.role !== "admin") throw new Forbidden("Only the team's admins can manage its tokens");
}

export async function createApiToken(db: Db, caller: Caller, input: CreateTokenInput, context?: RequestContext): Promise<{ token: string; item: ApiTokenView }> {
  requireTokenManagement(caller);
  // A team token's service user is no person: a "personal" token of it would be listed to no one
  // and outlive the revocation of the team token that made it. Its tokens are the team's.
  if (caller.token?.teamId && !input.teamId) throw new Forbidden("A team token cannot make personal tokens: send the team's teamId to make another team token");
  const secret = generateToken();
  const id = newId();
  const expiresAt = new Date(Date.now() + input.expiresInDays * 86_400_000);
  const item = await db.$transaction(async (tx) => {
    let userId = caller.userId;
    if (input.teamId) {
      requireTeamAdmin(caller, input.teamId);
      const team = await tx.team.findUnique({ where: { id: input.teamId }, select: { id: true, slug: true } });
      if (!team) throw new NotFound("Team not found");
      userId = newId();
      await tx.user.create({ data: { id: userId, email: `token-${id}@${team.slug}.tokens.hangar.invalid`, name: `${input.name} (${team.slug} token)`, isService: true } });
    }
    const row = await tx.apiToken.create({
      data: { id, name: input.name, scope: input.scope, userId, teamId: input.teamId ?? null, createdById: caller.userId, prefix: secret.prefix, tokenHash: secret.hash, expiresAt },
      select: tokenViewSelect,
    });
    const view = toTokenView(row);
    await recordAuditEvent(tx, {
      actor: { id: caller.userId, email: caller.email },
      action: "api_token.create",
      target: { type: "api_token", id },
      teamId: input.teamId ?? null,
      after: { name: view.name, scope: view.scope, prefix: view.prefix, team: view.team?.slug ?? null, expiresAt: view.expiresAt },
      context,
    });
    return view;
  });
  return { token: secret.token, item };
}
