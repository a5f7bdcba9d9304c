import { NextResponse } from "next/server";
import { z } from "zod";
import { route } from "@/app/_server/route";
import { web } from "@/app/_server/runtime";
import { reissueInvitation } from "@/lib/identity/invite-user";
import { invitationAnswer } from "../../invitation-schema";

export const dynamic = "force-dynamic";

const params = z.object({ id: z.string().min(1).max(100) });

export const POST = route(
  { summary: "A new invite link for someone who has not set a password yet (site admins); older links stop working", params, response: invitationAnswer, status: 201 },
  async ({ caller, params, context }) => {
  const invitation = await reissueInvitation(web().db, caller, { userId: params.id, baseUrl: web().config.HANGAR_URL, context });
  return NextResponse.json(invitationAnswer.parse(JSON.parse(JSON.stringify(invitation))), { status: 201, headers: { "cache-control": "no-store" } });
});
