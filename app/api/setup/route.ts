// POST /api/setup: spends the one-time setup link on the first admin. No session exists yet, so
// this route does not use route(); the link's token is the credential, checked in lib/.
import { NextResponse, type NextRequest } from "next/server";
import { Invalid, UnsupportedMediaType } from "@/lib/errors";
import { completeSetup, setupInputSchema } from "@/lib/identity/setup-link-complete";
import { errorResponse, parseInput, requestContext } from "@/app/_server/route";
import { web } from "@/app/_server/runtime";

export const dynamic = "force-dynamic";

export async function POST(request: NextRequest): Promise<Response> {
  try {
    // JSON only: a cross-site form cannot send it without a preflight.
    if (!/^application\/json\b/i.test(request.headers.get("content-type") ?? "")) {
      throw new UnsupportedMediaType("Send the setup form as application/json");
    }
    const body = (await request.json().catch(() => {
      throw new Invalid("Request body is not valid JSON", [{ path: "body", message: "not valid JSON" }]);
    })) as unknown;
    const input = parseInput(setupInputSchema, body);
    const created = await completeSetup(web().db, input, requestContext(request));
    return NextResponse.json({ email: created.email, team: created.teamSlug }, { status: 201 });
  } catch (error) {
    return errorResponse(error);
  }
}
