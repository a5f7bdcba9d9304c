import type { CloudAccount } from "../db/generated/client";

/** What the API and UI may see of an account: never a secret, only whether one is stored. */
export type CloudAccountView = {
  id: string;
  name: string;
  provider: string;
  regions: string[];
  defaultRegion: string;
  endpoint: string | null;
  credentialSource: string;
  accessKeyId: string | null;
  hasSecret: boolean;
  accessKeyIdEnv: string | null;
  secretAccessKeyEnv: string | null;
  rateLimitMode: string;
  isDefault: boolean;
  lastTestedAt: Date | null;
  lastTestOk: boolean | null;
  lastTestMessage: string | null;
  createdAt: Date;
  updatedAt: Date;
};

export function toCloudAccountView(account: CloudAccount & { secretAccessKeyEnc?: string | null }, hasSecret: boolean): CloudAccountView {
  return {
    id: account.id,
    name: account.name,
    provider: account.provider,
    regions: account.regions,
    defaultRegion: account.defaultRegion,
    endpoint: account.endpoint,
    credentialSource: account.credentialSource,
    // The key id is an identifier, not a secret; show it masked anyway, as consoles do.
    accessKeyId: account.accessKeyId ? `${account.accessKeyId.slice(0, 4)}…${account.accessKeyId.slice(-4)}` : null,
    hasSecret,
    accessKeyIdEnv: account.accessKeyIdEnv,
    secretAccessKeyEnv: account.secretAccessKeyEnv,
    rateLimitMode: account.rateLimitMode,
    isDefault: account.isDefault,
    lastTestedAt: account.lastTestedAt,
    lastTestOk: account.lastTestOk,
    lastTestMessage: account.lastTestMessage,
    createdAt: account.createdAt,
    updatedAt: account.updatedAt,
  };
}
