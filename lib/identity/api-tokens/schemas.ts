// The API shapes of tokens, shared by the routes and the OpenAPI document.
import { z } from "zod";
import { TOKEN_SCOPES } from "./token-scope";

export const tokenView = z
  .object({
    id: z.string(),
    name: z.string(),
    scope: z.enum(TOKEN_SCOPES),
    prefix: z.string().meta({ description: "The token's first characters, to tell tokens apart" }),
    team: z.object({ id: z.string(), slug: z.string(), name: z.string() }).nullable(),
    createdBy: z.string(),
    state: z.enum(["active", "expired", "revoked"]),
    expiresAt: z.iso.datetime(),
    lastUsedAt: z.iso.datetime().nullable(),
    lastUsedIp: z.string().nullable(),
    revokedAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
  });

export const listTokensQuery = z.object({ teamId: z.string().min(1).max(100).optional() }).strict();
export const tokenList = z.object({ items: z.array(tokenView) });
export const createdToken = z.object({ token: z.string().meta({ description: "Shown once: store it now" }), item: tokenView });
