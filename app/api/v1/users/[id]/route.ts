import { z } from "zod";
import { route } from "@/app/_server/route";
import { web } from "@/app/_server/runtime";
import { setUserDisabled } from "@/lib/identity/users";
import { userDisabled } from "@/lib/identity/api-schemas";
import { idParams } from "@/lib/api-contract/common-schemas";

export const dynamic = "force-dynamic";

const body = z.object({ disabled: z.boolean() }).strict();

export const PATCH = route(
  {
    summary: "Disable or re-enable a user (site admins)",
    description: "`{\"disabled\": true}` disables a user and ends all their sessions at once; `false` re-enables (they sign in again).",
    params: idParams,
    body,
    response: userDisabled,
  },
  ({ caller, params, body, context }) => setUserDisabled(web().db, caller, { userId: params.id, disabled: body.disabled, context }));
