import { z } from "zod";
import { route } from "@/app/_server/route";
import { web } from "@/app/_server/runtime";
import { updateProfile, updateProfileInput } from "@/lib/identity/update-profile";

export const dynamic = "force-dynamic";

// The caller as the API shows it: no session internals (sessionVersion stays on the server).
const me = z.object({
  userId: z.string(),
  email: z.string(),
  name: z.string(),
  isAdmin: z.boolean(),
  memberships: z.array(z.object({ teamId: z.string(), teamSlug: z.string(), teamName: z.string(), role: z.enum(["admin", "platform", "developer", "viewer"]) })),
  token: z.object({ id: z.string(), scope: z.enum(["read", "write", "admin"]), teamId: z.string().nullable() }).optional(),
});

/** Who you are: user, site-admin flag, team roles, and the token used (if any). */
export const GET = route({ response: me }, async ({ caller }) => caller);

/** Changes your display name (the email is the sign-in name and stays). */
export const PATCH = route({ body: updateProfileInput, response: z.object({ name: z.string(), email: z.string() }).strict() }, ({ caller, body, context }) =>
  updateProfile(web().db, caller, body, context),
);
