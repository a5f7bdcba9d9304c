import { z } from "zod";
import { route } from "@/app/_server/route";
import { web } from "@/app/_server/runtime";
import { setUserRoles, setUserRolesInput } from "@/lib/identity/set-user-roles";

export const dynamic = "force-dynamic";

const params = z.object({ id: z.string().min(1).max(100) });
const answer = z.object({ id: z.string(), email: z.string(), teams: z.array(z.object({ team: z.string(), role: z.string() })) }).strict();

export const PUT = route(
  { summary: "Replace a user's team roles (site admins)", description: "`[]` removes them from every team. Audited before/after.", params, body: setUserRolesInput, response: answer },
  ({ caller, params, body, context }) =>
  setUserRoles(web().db, caller, { userId: params.id, roles: body.roles, context }),
);
