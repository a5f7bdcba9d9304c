// POST /api/invite: an invitee sets their password with the one-time link. No session exists
// yet, so this route does not use route(); the link's token is the credential, checked in lib/
// (the same shape as /api/setup).
import { NextResponse, type NextRequest } from "next/server";
import { Invalid } from "@/lib/errors";
import { acceptInvitation, acceptInvitationInput } from "@/lib/identity/invite-accept";
import { errorResponse, parseInput, requestContext } from "@/app/_server/route";
import { web } from "@/app/_server/runtime";

export const dynamic = "force-dynamic";

export async function POST(request: NextRequest): Promise<Response> {
  try {
    // JSON only: a cross-site form cannot send it without a preflight.
    if (!/^application\/json\b/i.test(request.headers.get("content-type") ?? "")) {
      throw new Invalid("Send the form as application/json", [{ path: "body", message: "must be application/json" }]);
    }
    const body = (await request.json().catch(() => {
      throw new Invalid("Request body is not valid JSON", [{ path: "body", message: "not valid JSON" }]);
    })) as unknown;
    const accepted = await acceptInvitation(web().db, parseInput(acceptInvitationInput, body), requestContext(request));
    return NextResponse.json({ email: accepted.email }, { status: 201 });
  } catch (error) {
    return errorResponse(error);
  }
}
