// How a token is shown after creation: never the token or its hash, only what tells tokens
// apart (name, prefix, scope, team) and what says whether it is in use.
import type { ApiTokenScope, Prisma } from "../../db/generated/client";

export const tokenViewSelect = {
  id: true,
  name: true,
  scope: true,
  prefix: true,
  expiresAt: true,
  lastUsedAt: true,
  lastUsedIp: true,
  revokedAt: true,
  createdAt: true,
  team: { select: { id: true, slug: true, name: true } },
  createdBy: { select: { email: true } },
} satisfies Prisma.ApiTokenSelect;

export type ApiTokenView = {
  id: string;
  name: string;
  scope: ApiTokenScope;
  prefix: string;
  team: { id: string; slug: string; name: string } | null;
  createdBy: string;
  state: "active" | "expired" | "revoked";
  expiresAt: Date;
  lastUsedAt: Date | null;
  lastUsedIp: string | null;
  revokedAt: Date | null;
  createdAt: Date;
};

type Row = Prisma.ApiTokenGetPayload<{ select: typeof tokenViewSelect }>;

export function toTokenView(row: Row, now = new Date()): ApiTokenView {
  const { createdBy, ...rest } = row;
  const state = row.revokedAt ? "revoked" : row.expiresAt <= now ? "expired" : "active";
  return { ...rest, createdBy: createdBy.email, state };
}
