import { z } from "zod";
import { route } from "@/app/_server/route";
import { web } from "@/app/_server/runtime";
import { setUserDisabled } from "@/lib/identity/users";

export const dynamic = "force-dynamic";

const body = z.object({ disabled: z.boolean() }).strict();

/** Site admins: `{"disabled": true}` disables a user and ends all their sessions at once; `false` re-enables (they sign in again). */
export const PATCH = route({ body }, ({ caller, params, body, context }) => setUserDisabled(web().db, caller, { userId: params.id!, disabled: body.disabled, context }));
