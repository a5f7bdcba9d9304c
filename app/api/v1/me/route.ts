import { z } from "zod";
import { route } from "@/app/_server/route";
import { meView } from "@/lib/identity/api-schemas";
import { web } from "@/app/_server/runtime";
import { updateProfile, updateProfileInput } from "@/lib/identity/update-profile";

export const dynamic = "force-dynamic";

// The caller as the API shows it: no session internals (sessionVersion stays on the server).
export const GET = route({ summary: "Who you are: user, site-admin flag, team roles, and the token used (if any)", response: meView }, async ({ caller }) => caller);

export const PATCH = route({ summary: "Change your display name (the email is the sign-in name and stays)", body: updateProfileInput, response: z.object({ name: z.string(), email: z.string() }).strict() }, ({ caller, body, context }) =>
  updateProfile(web().db, caller, body, context),
);
