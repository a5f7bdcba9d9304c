import { NextResponse } from "next/server";
import { route } from "@/app/_server/route";
import { web } from "@/app/_server/runtime";
import { listUsers, listUsersSchema } from "@/lib/identity/users";
import { inviteUser, inviteUserInput } from "@/lib/identity/invite-user";
import { invitationAnswer } from "./invitation-schema";

export const dynamic = "force-dynamic";

/** Site admins: users by email in keyset pages (`cursor`, `limit`), searchable by email or name. */
export const GET = route({ query: listUsersSchema }, ({ caller, query }) => listUsers(web().db, caller, query));

/** Site admins: invites a person (email, name, team and role). The answer holds a one-time link, valid 7 days, shown only here. */
export const POST = route({ body: inviteUserInput, response: invitationAnswer }, async ({ caller, body, context }) => {
  const invitation = await inviteUser(web().db, caller, { ...body, baseUrl: web().config.HANGAR_URL, context });
  return NextResponse.json(invitationAnswer.parse(JSON.parse(JSON.stringify(invitation))), { status: 201, headers: { "cache-control": "no-store" } });
});
