// One provider per (account, region) per process, so every caller shares its EC2 client, retry
// budget and terminate batcher. Entries are rebuilt when the account row changes.
import type { Db } from "../db/client";
import { createAwsProvider, type AwsProvider } from "../cloud/aws/create-aws-provider";
import type { CloudCallObserver } from "../cloud/observer";
import { noRateLimiter, type RequestRateLimiter } from "../cloud/rate-limit/limits";
import { NotFound } from "../errors";
import { credentialsFor } from "./account-credentials";
import { AccountNotShared, accountUsableBy } from "./account-access";
import type { LaunchProviderRegistry } from "./provider-registry";
import type { EncryptionKeys } from "../security/secret-box";

export type ProviderRegistryOptions = {
  db: Db;
  /** The current key, and the previous one during a rotation (see lib/security/secret-box.ts). */
  encryptionKey: EncryptionKeys;
  rateLimiter: RequestRateLimiter;
  observer?: CloudCallObserver;
  /** How long a cached provider is trusted before the account row is re-checked. */
  recheckAfterMs?: number;
  terminateBatch?: { maxWaitMs: number; maxBatch: number } | false;
};

type Entry = { provider: AwsProvider; version: number; checkedAt: number };
type Sharing = { name: string; sharedWithAll: boolean; ownerTeamId: string | null; teams: { teamId: string }[] };

export function createProviderRegistry(options: ProviderRegistryOptions): LaunchProviderRegistry & { close(): void } {
  const entries = new Map<string, Entry>();
  // Who may use each account, as of its last read (refreshed with its provider entries).
  const sharing = new Map<string, Sharing>();
  const building = new Map<string, Promise<AwsProvider>>();
  const recheckAfterMs = options.recheckAfterMs ?? 30_000;

  async function build(cloudAccountId: string, region: string, key: string): Promise<AwsProvider> {
    const account = await options.db.cloudAccount.findUnique({ where: { id: cloudAccountId }, omit: { secretAccessKeyEnc: false }, include: { teams: { select: { teamId: true } } } });
    if (!account) throw new NotFound(`Cloud account ${cloudAccountId} not found`);
    sharing.set(account.id, { name: account.name, sharedWithAll: account.sharedWithAll, ownerTeamId: account.ownerTeamId, teams: account.teams });
    const version = account.updatedAt.getTime();
    const cached = entries.get(key);
    if (cached && cached.version === version) {
      cached.checkedAt = Date.now();
      return cached.provider;
    }
    cached?.provider.destroy();
    const provider = createAwsProvider({
      kind: account.provider,
      accountId: account.id,
      region,
      ...(account.endpoint ? { endpoint: account.endpoint } : {}),
      credentials: credentialsFor(account, options.encryptionKey),
      rateLimiter: account.rateLimitMode === "off" ? noRateLimiter : options.rateLimiter,
      ...(options.observer ? { observer: options.observer } : {}),
      ...(options.terminateBatch !== undefined ? { terminateBatch: options.terminateBatch } : {}),
    });
    entries.set(key, { provider, version, checkedAt: Date.now() });
    return provider;
  }

  async function providerFor(cloudAccountId: string, region: string): Promise<AwsProvider> {
    const key = `${cloudAccountId}:${region}`;
    const cached = entries.get(key);
    if (cached && Date.now() - cached.checkedAt < recheckAfterMs) return cached.provider;
    let pending = building.get(key);
    if (!pending) {
      pending = build(cloudAccountId, region, key).finally(() => building.delete(key));
      building.set(key, pending);
    }
    return pending;
  }

  return {
    providerFor,
    async providerForLaunch(cloudAccountId, region, teamId) {
      const provider = await providerFor(cloudAccountId, region);
      const account = sharing.get(cloudAccountId);
      if (!account || !accountUsableBy(account, teamId)) {
        const team = await options.db.team.findUnique({ where: { id: teamId }, select: { slug: true } });
        throw new AccountNotShared(
          `Cloud account ${account?.name ?? cloudAccountId} is not shared with team ${team?.slug ?? teamId} (any more), so nothing new is launched in it; an administrator can share it again, or request the environment in another account`,
        );
      }
      return provider;
    },
    close() {
      for (const entry of entries.values()) entry.provider.destroy();
      entries.clear();
    },
  };
}
