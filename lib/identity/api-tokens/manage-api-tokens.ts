// Listing and revoking tokens. Personal tokens are their owner's; a team's tokens are its
// admins'. Revoking takes effect on the next request (every request looks the token up).
import type { Db, Tx } from "../../db/client";
import { NotFound } from "../../errors";
import { recordAuditEvent, type RequestContext } from "../../audit/record-audit-event";
import type { Caller } from "../caller";
import { requireTeamAdmin, requireTokenManagement } from "./create-api-token";
import { toTokenView, tokenViewSelect, type ApiTokenView } from "./token-view";

const LIST_LIMIT = 200;

/** The caller's personal tokens, or with teamId that team's service tokens; newest first. */
export async function listApiTokens(db: Tx, caller: Caller, input: { teamId?: string } = {}): Promise<ApiTokenView[]> {
  if (input.teamId) requireTeamAdmin(caller, input.teamId);
  const where = input.teamId ? { teamId: input.teamId } : { userId: caller.userId, teamId: null };
  const rows = await db.apiToken.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: LIST_LIMIT, select: tokenViewSelect });
  const now = new Date();
  return rows.map((row) => toTokenView(row, now));
}

export async function revokeApiToken(db: Db, caller: Caller, input: { tokenId: string; context?: RequestContext }): Promise<ApiTokenView> {
  requireTokenManagement(caller);
  return db.$transaction(async (tx) => {
    const token = await tx.apiToken.findUnique({ where: { id: input.tokenId }, select: { userId: true, teamId: true, revokedAt: true } });
    const mine = token && !token.teamId && token.userId === caller.userId;
    const teamAdmin = token?.teamId && (caller.isAdmin || caller.memberships.some((m) => m.teamId === token.teamId && m.role === "admin"));
    if (!token || !(mine || teamAdmin)) throw new NotFound("Token not found");
    const row = await tx.apiToken.update({ where: { id: input.tokenId }, data: { revokedAt: token.revokedAt ?? new Date() }, select: tokenViewSelect });
    const view = toTokenView(row);
    await recordAuditEvent(tx, {
      actor: { id: caller.userId, email: caller.email },
      action: "api_token.revoke",
      target: { type: "api_token", id: input.tokenId },
      teamId: token.teamId,
      before: { revokedAt: token.revokedAt },
      after: { name: view.name, prefix: view.prefix, revokedAt: view.revokedAt },
      context: input.context,
    });
    return view;
  });
}
