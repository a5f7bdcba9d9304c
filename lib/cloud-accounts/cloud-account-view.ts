import type { CloudAccount, Prisma } from "../db/generated/client";

type TeamRef = { slug: string; name: string };

/** What a view is read with: the owner team and the teams it is shared with. */
export const ACCOUNT_VIEW_INCLUDE = {
  ownerTeam: { select: { slug: true, name: true } },
  teams: { select: { team: { select: { slug: true, name: true } } } },
} satisfies Prisma.CloudAccountInclude;

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
  /** The team it belongs to, if any. */
  ownerTeam: TeamRef | null;
  /** Who else may use it: every team, or these (sorted by slug). */
  sharedWith: "all" | TeamRef[];
  lastTestedAt: Date | null;
  lastTestOk: boolean | null;
  lastTestMessage: string | null;
  createdAt: Date;
  updatedAt: Date;
};

type ViewRow = CloudAccount & { secretAccessKeyEnc?: string | null; ownerTeam: TeamRef | null; teams: { team: TeamRef }[] };

export function toCloudAccountView(account: ViewRow, hasSecret: boolean): CloudAccountView {
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
    ownerTeam: account.ownerTeam ? { slug: account.ownerTeam.slug, name: account.ownerTeam.name } : null,
    sharedWith: account.sharedWithAll ? "all" : account.teams.map((t) => ({ slug: t.team.slug, name: t.team.name })).sort((a, b) => a.slug.localeCompare(b.slug)),
    lastTestedAt: account.lastTestedAt,
    lastTestOk: account.lastTestOk,
    lastTestMessage: account.lastTestMessage,
    createdAt: account.createdAt,
    updatedAt: account.updatedAt,
  };
}
