import { z } from "zod";
import { route } from "@/app/_server/route";
import { web } from "@/app/_server/runtime";
import { changePassword, changePasswordInput } from "@/lib/identity/change-password";

export const dynamic = "force-dynamic";

const answer = z.object({ signedOut: z.literal(true) }).strict();

export const POST = route(
  { summary: "Change your password (browser sessions only)", description: "Every session ends, this one too: sign in again with the new password.", body: changePasswordInput, response: answer },
  ({ caller, body, context }) => changePassword(web().db, caller, body, context, web().throttles.signInAccount));
