// POST /api/setup: spends the one-time setup link on the first admin. No session exists yet, so
// this route does not use route(); the link's token is the credential, checked in lib/.
import { NextResponse, type NextRequest } from "next/server";
import { completeSetup, setupInputSchema } from "@/lib/identity/setup-link-complete";
import { errorResponse, parseInput, requestContext } from "@/app/_server/route";
import { web } from "@/app/_server/runtime";
import { readJsonForm } from "@/app/_server/json-form";

export const dynamic = "force-dynamic";

export async function POST(request: NextRequest): Promise<Response> {
  try {
    // JSON only and capped (app/_server/json-form.ts): no session, so not route().
    const body = await readJsonForm(request, web().config.HANGAR_MAX_BODY_BYTES, "setup form");
    const input = parseInput(setupInputSchema, body);
    const created = await completeSetup(web().db, input, requestContext(request));
    return NextResponse.json({ email: created.email, team: created.teamSlug }, { status: 201 });
  } catch (error) {
    return errorResponse(error);
  }
}
