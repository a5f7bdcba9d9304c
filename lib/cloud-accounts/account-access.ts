// Which teams may use a cloud account: its owner team, the teams it is shared with, or every
// team when a site admin shared it with all. The rule is applied inside each query (a foreign
// account is simply not found) at every read that offers accounts, at every request, and by the
// worker before each launch, so withdrawing a share stops new launches at once. Destroying and
// watching what already runs there are never refused: the instances exist and cost money.
import { Prisma } from "../db/generated/client";
import { AppError } from "../errors";
import type { Caller } from "../identity/caller";

/** A Prisma filter: accounts any of `teamIds` may use. */
export function usableAccountWhere(teamIds: string[]): Prisma.CloudAccountWhereInput {
  return { OR: [{ sharedWithAll: true }, { ownerTeamId: { in: teamIds } }, { teams: { some: { teamId: { in: teamIds } } } }] };
}

/** The same rule for raw SQL over "CloudAccount" aliased `alias`. */
export function usableAccountSql(teamIds: string[], alias: string): Prisma.Sql {
  const a = Prisma.raw(`"${alias.replace(/"/g, "")}"`);
  return Prisma.sql`(${a}."sharedWithAll" OR ${a}."ownerTeamId" = ANY(${teamIds}::text[])
    OR EXISTS (SELECT 1 FROM "CloudAccountTeam" cat WHERE cat."cloudAccountId" = ${a}."id" AND cat."teamId" = ANY(${teamIds}::text[])))`;
}

/** The teams whose accounts a caller may pick from: their own (site admins included; they request into their teams too). */
export function callerTeamIds(caller: Caller): string[] {
  return caller.memberships.map((m) => m.teamId);
}

/** The account's access rule in memory, for rows already read with their shares. */
export function accountUsableBy(account: { sharedWithAll: boolean; ownerTeamId: string | null; teams: { teamId: string }[] }, teamId: string): boolean {
  return account.sharedWithAll || account.ownerTeamId === teamId || account.teams.some((t) => t.teamId === teamId);
}

/** A launch refused because the environment's team may no longer use its account (a permanent run failure, not a retry). */
export class AccountNotShared extends AppError {
  override readonly status = 403;
  override readonly code = "cloud_account_not_shared";
}
