// Who an account belongs to and who else may use it, as given by a site admin: teams named by
// slug or id, checked to exist (a missing one is a 400 at its own path), deduplicated, and
// written as the account's share rows.
import type { Tx } from "../db/client";
import { invalidField } from "../errors";

export type Sharing = { ownerTeamId: string | null; sharedWithAll: boolean; teamIds: string[] };

export type SharingInput = { ownerTeam?: string | null | undefined; sharedWith?: "all" | string[] | undefined };

async function teamIdsOf(tx: Tx, refs: string[], pathOf: (index: number) => string): Promise<string[]> {
  const rows = await tx.team.findMany({ where: { OR: [{ id: { in: refs } }, { slug: { in: refs } }] }, select: { id: true, slug: true } });
  return refs.map((ref, index) => {
    const row = rows.find((r) => r.slug === ref) ?? rows.find((r) => r.id === ref);
    if (!row) throw invalidField(pathOf(index), `There is no team '${ref.length > 60 ? `${ref.slice(0, 60)}…` : ref}'`);
    return row.id;
  });
}

/** The sharing an input asks for, on top of what the account had (`before`; null when creating). */
export async function resolveSharing(tx: Tx, input: SharingInput, before: Sharing | null): Promise<Sharing> {
  let ownerTeamId: string | null = before?.ownerTeamId ?? null;
  if (input.ownerTeam === null) ownerTeamId = null;
  else if (input.ownerTeam !== undefined) ownerTeamId = (await teamIdsOf(tx, [input.ownerTeam], () => "ownerTeam"))[0] ?? null;

  let sharedWithAll = before?.sharedWithAll ?? false;
  let teamIds = before?.teamIds ?? [];
  if (input.sharedWith === "all") {
    sharedWithAll = true;
    teamIds = [];
  } else if (input.sharedWith !== undefined) {
    sharedWithAll = false;
    teamIds = await teamIdsOf(tx, input.sharedWith, (index) => `sharedWith.${index}`);
  }
  // The owner uses it anyway; listing it as a share too would only be noise in the audit log.
  teamIds = [...new Set(teamIds)].filter((id) => id !== ownerTeamId);
  if (!ownerTeamId && !sharedWithAll && teamIds.length === 0) throw invalidField("ownerTeam", "Choose the team that owns this account, or teams to share it with");
  return { ownerTeamId, sharedWithAll, teamIds };
}

export function sameSharing(a: Sharing, b: Sharing): boolean {
  return a.ownerTeamId === b.ownerTeamId && a.sharedWithAll === b.sharedWithAll && [...a.teamIds].sort().join() === [...b.teamIds].sort().join();
}

/** Replaces the account's share rows. */
export async function writeShares(tx: Tx, cloudAccountId: string, teamIds: string[]): Promise<void> {
  await tx.cloudAccountTeam.deleteMany({ where: { cloudAccountId } });
  if (teamIds.length > 0) await tx.cloudAccountTeam.createMany({ data: teamIds.map((teamId) => ({ cloudAccountId, teamId })) });
}
