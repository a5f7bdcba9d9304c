// Admin operations on cloud accounts. Secrets are sealed with AES-256-GCM (bound to the row)
// before they touch a row and never come back out through these functions or the audit log.
// Who may use an account (owner team, shares) is part of it and audited with every change.
import type { Db, Tx } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { newId } from "../db/ids";
import { Conflict, invalidField, isPrismaError, NotFound } from "../errors";
import { recordAuditEvent, type RequestContext } from "../audit/record-audit-event";
import type { Caller } from "../identity/caller";
import { requireSiteAdmin } from "../identity/permissions";
import { encryptSecret, secretContext, type EncryptionKeys } from "../security/secret-box";
import { callerTeamIds, usableAccountWhere } from "./account-access";
import { resolveSharing, sameSharing, writeShares, type Sharing } from "./account-sharing";
import { ACCOUNT_VIEW_INCLUDE, toCloudAccountView, type CloudAccountView } from "./cloud-account-view";
import { IN_REGIONS_MESSAGE, type CreateCloudAccountInput, type UpdateCloudAccountInput } from "./schemas";

type Credentials = CreateCloudAccountInput["credentials"];

function credentialColumns(id: string, credentials: Credentials, encryptionKey: EncryptionKeys) {
  return {
    credentialSource: credentials.source,
    accessKeyId: credentials.source === "static" ? credentials.accessKeyId : null,
    secretAccessKeyEnc: credentials.source === "static" ? encryptSecret(credentials.secretAccessKey, encryptionKey, secretContext("CloudAccount", "secretAccessKeyEnc", id)) : null,
    accessKeyIdEnv: credentials.source === "env" ? credentials.accessKeyIdEnv : null,
    secretAccessKeyEnv: credentials.source === "env" ? credentials.secretAccessKeyEnv : null,
  };
}

async function viewOf(db: Tx, id: string): Promise<CloudAccountView> {
  const row = await db.cloudAccount.findUniqueOrThrow({ where: { id }, omit: { secretAccessKeyEnc: false }, include: ACCOUNT_VIEW_INCLUDE });
  return toCloudAccountView(row, Boolean(row.secretAccessKeyEnc));
}

/**
 * What anyone signed in may know of an account they may use: enough to pick it and a region,
 * and `teams`, the slugs of the caller's teams that may use it (the request form offers an
 * account only for those).
 */
export type CloudAccountChoice = Pick<CloudAccountView, "id" | "name" | "provider" | "regions" | "defaultRegion" | "isDefault"> & { teams: string[] };

/** Site admins: every account with its configuration (never its secret). */
export async function listCloudAccounts(db: Tx, caller: Caller): Promise<CloudAccountView[]> {
  requireSiteAdmin(caller);
  const rows = await db.cloudAccount.findMany({ orderBy: { name: "asc" }, omit: { secretAccessKeyEnc: false }, include: ACCOUNT_VIEW_INCLUDE });
  return rows.map((row) => toCloudAccountView(row, Boolean(row.secretAccessKeyEnc)));
}

/** Anyone signed in: the accounts their teams may use, and regions (no endpoints, key names, test results or other teams' accounts). */
export async function listCloudAccountChoices(db: Tx, caller: Caller): Promise<CloudAccountChoice[]> {
  const teamIds = callerTeamIds(caller);
  const rows = await db.cloudAccount.findMany({
    where: usableAccountWhere(teamIds),
    orderBy: { name: "asc" },
    select: { id: true, name: true, provider: true, regions: true, defaultRegion: true, isDefault: true, sharedWithAll: true, ownerTeamId: true, teams: { where: { teamId: { in: teamIds } }, select: { teamId: true } } },
  });
  return rows.map(({ sharedWithAll, ownerTeamId, teams, ...choice }) => ({
    ...choice,
    teams: caller.memberships.filter((m) => sharedWithAll || m.teamId === ownerTeamId || teams.some((t) => t.teamId === m.teamId)).map((m) => m.teamSlug),
  }));
}

/** Site admins: one account by id or name. */
export async function getCloudAccount(db: Tx, caller: Caller, id: string): Promise<CloudAccountView> {
  requireSiteAdmin(caller);
  const row = await db.cloudAccount.findFirst({ where: { OR: [{ id }, { name: id }] }, omit: { secretAccessKeyEnc: false }, include: ACCOUNT_VIEW_INCLUDE });
  if (!row) throw new NotFound(`Cloud account ${id} not found`);
  return toCloudAccountView(row, Boolean(row.secretAccessKeyEnc));
}

async function sharingOf(tx: Tx, id: string): Promise<Sharing> {
  const row = await tx.cloudAccount.findUniqueOrThrow({ where: { id }, select: { ownerTeamId: true, sharedWithAll: true, teams: { select: { teamId: true } } } });
  return { ownerTeamId: row.ownerTeamId, sharedWithAll: row.sharedWithAll, teamIds: row.teams.map((t) => t.teamId) };
}

export async function createCloudAccount(
  db: Db,
  caller: Caller,
  input: CreateCloudAccountInput & { encryptionKey: EncryptionKeys; context?: RequestContext },
): Promise<CloudAccountView> {
  requireSiteAdmin(caller);
  try {
    return await db.$transaction(async (tx) => {
      const sharing = await resolveSharing(tx, input, null);
      if (input.isDefault) await tx.cloudAccount.updateMany({ where: { isDefault: true }, data: { isDefault: false } });
      const id = newId();
      await tx.cloudAccount.create({
        data: {
          id,
          name: input.name,
          provider: input.provider,
          regions: input.regions,
          defaultRegion: input.defaultRegion,
          endpoint: input.endpoint ?? null,
          rateLimitMode: input.rateLimitMode,
          isDefault: input.isDefault,
          ownerTeamId: sharing.ownerTeamId,
          sharedWithAll: sharing.sharedWithAll,
          ...credentialColumns(id, input.credentials, input.encryptionKey),
        },
      });
      await writeShares(tx, id, sharing.teamIds);
      const view = await viewOf(tx, id);
      await recordAuditEvent(tx, { actor: { id: caller.userId, email: caller.email }, action: "cloud_account.create", target: { type: "cloud_account", id }, after: view, context: input.context });
      return view;
    });
  } catch (error) {
    if (isPrismaError(error, "P2002")) throw new Conflict(`name: a cloud account named ${input.name} exists`, [{ path: "name", message: "is already used" }]);
    throw error;
  }
}

export async function updateCloudAccount(
  db: Db,
  caller: Caller,
  input: UpdateCloudAccountInput & { id: string; encryptionKey: EncryptionKeys; context?: RequestContext },
): Promise<CloudAccountView> {
  requireSiteAdmin(caller);
  return db.$transaction(async (tx) => {
    const before = await getCloudAccount(tx, caller, input.id);
    const regions = input.regions ?? before.regions;
    const defaultRegion = input.defaultRegion ?? (regions.includes(before.defaultRegion) ? before.defaultRegion : regions[0]!);
    if (!regions.includes(defaultRegion)) throw invalidField("defaultRegion", IN_REGIONS_MESSAGE);
    const sharingBefore = await sharingOf(tx, before.id);
    const sharing = await resolveSharing(tx, input, sharingBefore);
    const sharingChanged = !sameSharing(sharing, sharingBefore);
    if (input.isDefault) await tx.cloudAccount.updateMany({ where: { isDefault: true, id: { not: before.id } }, data: { isDefault: false } });
    const changes: Prisma.CloudAccountUpdateInput = {
      ...(input.regions ? { regions } : {}),
      ...(defaultRegion !== before.defaultRegion ? { defaultRegion } : {}),
      ...(input.endpoint !== undefined && input.endpoint !== before.endpoint ? { endpoint: input.endpoint } : {}),
      ...(input.rateLimitMode && input.rateLimitMode !== before.rateLimitMode ? { rateLimitMode: input.rateLimitMode } : {}),
      ...(input.isDefault !== undefined && input.isDefault !== before.isDefault ? { isDefault: input.isDefault } : {}),
      ...(input.credentials ? credentialColumns(before.id, input.credentials, input.encryptionKey) : {}),
    };
    // Nothing to change: no write, no audit event, and the last connection test stays valid.
    if (Object.keys(changes).length === 0 && !sharingChanged) return before;
    // A changed connection needs a new test; a changed share list does not (updatedAt still
    // moves, so cached providers re-read the row).
    const retest = Object.keys(changes).length > 0 ? { lastTestedAt: null, lastTestOk: null, lastTestMessage: null } : {};
    await tx.cloudAccount.update({
      where: { id: before.id },
      data: { ...changes, ...retest, ...(sharingChanged ? { sharedWithAll: sharing.sharedWithAll, ownerTeam: sharing.ownerTeamId ? { connect: { id: sharing.ownerTeamId } } : { disconnect: true } } : {}) },
    });
    if (sharingChanged) await writeShares(tx, before.id, sharing.teamIds);
    const after = await viewOf(tx, before.id);
    await recordAuditEvent(tx, { actor: { id: caller.userId, email: caller.email }, action: "cloud_account.update", target: { type: "cloud_account", id: before.id }, before, after, context: input.context });
    return after;
  });
}

export async function deleteCloudAccount(db: Db, caller: Caller, input: { id: string; context?: RequestContext }): Promise<void> {
  requireSiteAdmin(caller);
  await db.$transaction(async (tx) => {
    const before = await getCloudAccount(tx, caller, input.id);
    const inUse = await tx.environment.count({ where: { cloudAccountId: before.id, state: { not: "destroyed" } } });
    if (inUse > 0) throw new Conflict(`Cloud account ${before.name} still has ${inUse} live environment(s); destroy them first`);
    const history = await tx.environment.count({ where: { cloudAccountId: before.id } });
    if (history > 0) throw new Conflict(`Cloud account ${before.name} is referenced by the history of ${history} environment(s) and cannot be deleted`);
    await tx.cloudAccount.delete({ where: { id: before.id } });
    await recordAuditEvent(tx, { actor: { id: caller.userId, email: caller.email }, action: "cloud_account.delete", target: { type: "cloud_account", id: before.id }, before, context: input.context });
  });
}
