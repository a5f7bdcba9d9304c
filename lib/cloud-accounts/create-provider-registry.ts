// One provider per (account, region) per process, so every caller shares its EC2 client, retry
// budget and terminate batcher. Entries are rebuilt when the account row changes.
import type { Db } from "../db/client";
import { createAwsProvider, type AwsProvider } from "../cloud/aws/create-aws-provider";
import type { CloudCallObserver } from "../cloud/observer";
import { noRateLimiter, type RequestRateLimiter } from "../cloud/rate-limit/limits";
import { NotFound } from "../errors";
import { credentialsFor } from "./account-credentials";
import type { ProviderRegistry } from "./provider-registry";

export type ProviderRegistryOptions = {
  db: Db;
  encryptionKey: string;
  rateLimiter: RequestRateLimiter;
  observer?: CloudCallObserver;
  /** How long a cached provider is trusted before the account row is re-checked. */
  recheckAfterMs?: number;
  terminateBatch?: { maxWaitMs: number; maxBatch: number } | false;
};

type Entry = { provider: AwsProvider; version: number; checkedAt: number };

export function createProviderRegistry(options: ProviderRegistryOptions): ProviderRegistry & { close(): void } {
  const entries = new Map<string, Entry>();
  const building = new Map<string, Promise<AwsProvider>>();
  const recheckAfterMs = options.recheckAfterMs ?? 30_000;

  async function build(cloudAccountId: string, region: string, key: string): Promise<AwsProvider> {
    const account = await options.db.cloudAccount.findUnique({ where: { id: cloudAccountId }, omit: { secretAccessKeyEnc: false } });
    if (!account) throw new NotFound(`Cloud account ${cloudAccountId} not found`);
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

  return {
    async providerFor(cloudAccountId, region) {
      const key = `${cloudAccountId}:${region}`;
      const cached = entries.get(key);
      if (cached && Date.now() - cached.checkedAt < recheckAfterMs) return cached.provider;
      let pending = building.get(key);
      if (!pending) {
        pending = build(cloudAccountId, region, key).finally(() => building.delete(key));
        building.set(key, pending);
      }
      return pending;
    },
    close() {
      for (const entry of entries.values()) entry.provider.destroy();
      entries.clear();
    },
  };
}
