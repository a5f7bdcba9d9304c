// POST /api/invite: an invitee sets their password with the one-time link. No session exists
// yet, so this route does not use route(); the link's token is the credential, checked in lib/
// (the same shape as /api/setup).
import { NextResponse, type NextRequest } from "next/server";
import { acceptInvitation, acceptInvitationInput } from "@/lib/identity/invite-accept";
import { errorResponse, parseInput, requestContext } from "@/app/_server/route";
import { web } from "@/app/_server/runtime";
import { readJsonForm } from "@/app/_server/json-form";

export const dynamic = "force-dynamic";

export async function POST(request: NextRequest): Promise<Response> {
  try {
    // JSON only and capped (app/_server/json-form.ts): no session, so not route().
    const body = await readJsonForm(request, web().config.HANGAR_MAX_BODY_BYTES, "form");
    const accepted = await acceptInvitation(web().db, parseInput(acceptInvitationInput, body), requestContext(request));
    return NextResponse.json({ email: accepted.email }, { status: 201 });
  } catch (error) {
    return errorResponse(error);
  }
}
