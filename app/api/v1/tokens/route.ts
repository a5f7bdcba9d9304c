import { NextResponse } from "next/server";
import { route } from "@/app/_server/route";
import { web } from "@/app/_server/runtime";
import { createApiToken, createTokenInput, listApiTokens } from "@/lib/identity/api-tokens";
import { createdToken, listTokensQuery, tokenList } from "@/lib/identity/api-tokens/schemas";

export const dynamic = "force-dynamic";

export const GET = route({ summary: "Your personal tokens, or with `teamId` that team's service tokens (team admins)", query: listTokensQuery, response: tokenList }, async ({ caller, query }) => ({ items: await listApiTokens(web().db, caller, query) }));

export const POST = route({ summary: "A new token, shown once in `token`; with `teamId` a team service token", body: createTokenInput, response: createdToken, status: 201 }, async ({ caller, body, context }) => {
  const created = await createApiToken(web().db, caller, body, context);
  return NextResponse.json(created, { status: 201, headers: { "cache-control": "no-store" } });
});
