// The token list as the browser receives it from /api/v1/tokens (dates as ISO text).
export type TokenRow = {
  id: string;
  name: string;
  scope: "read" | "write" | "admin";
  prefix: string;
  team: { id: string; slug: string; name: string } | null;
  state: "active" | "expired" | "revoked";
  expiresAt: string;
  lastUsedAt: string | null;
  lastUsedIp: string | null;
  revokedAt: string | null;
  createdAt: string;
};

/** Whose tokens: the caller's own (teamId null) or a team's service tokens. */
export type TokenOwner = { teamId: string | null; label: string };
