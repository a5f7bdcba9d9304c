import { NextResponse } from "next/server";
import { route } from "@/app/_server/route";
import { web } from "@/app/_server/runtime";
import { listUsers, listUsersSchema } from "@/lib/identity/users";
import { inviteUser, inviteUserInput } from "@/lib/identity/invite-user";
import { invitationAnswer } from "./invitation-schema";
import { userList } from "@/lib/identity/api-schemas";

export const dynamic = "force-dynamic";

export const GET = route({ summary: "Users by email (site admins), searchable by email or name, in keyset pages (`cursor`, `limit`)", query: listUsersSchema, response: userList }, ({ caller, query }) => listUsers(web().db, caller, query));

export const POST = route(
  { summary: "Invite a person (site admins): email, name, team and role", description: "The answer holds a one-time link, valid 7 days, shown only here.", body: inviteUserInput, response: invitationAnswer, status: 201 },
  async ({ caller, body, context }) => {
  const invitation = await inviteUser(web().db, caller, { ...body, baseUrl: web().config.HANGAR_URL, context });
  return NextResponse.json(invitationAnswer.parse(JSON.parse(JSON.stringify(invitation))), { status: 201, headers: { "cache-control": "no-store" } });
});
