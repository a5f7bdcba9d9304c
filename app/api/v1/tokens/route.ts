import { NextResponse } from "next/server";
import { route } from "@/app/_server/route";
import { web } from "@/app/_server/runtime";
import { createApiToken, createTokenInput, listApiTokens } from "@/lib/identity/api-tokens";
import { listTokensQuery, tokenList } from "@/lib/identity/api-tokens/schemas";

export const dynamic = "force-dynamic";

/** Your personal tokens, or with `teamId` that team's service tokens (team admins). */
export const GET = route({ query: listTokensQuery, response: tokenList }, async ({ caller, query }) => ({ items: await listApiTokens(web().db, caller, query) }));

/** A new token, shown once in `token`; with `teamId` a team service token. */
export const POST = route({ body: createTokenInput }, async ({ caller, body, context }) => {
  const created = await createApiToken(web().db, caller, body, context);
  return NextResponse.json(created, { status: 201, headers: { "cache-control": "no-store" } });
});
