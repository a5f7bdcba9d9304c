import { z } from "zod";
import { route } from "@/app/_server/route";
import { web } from "@/app/_server/runtime";
import { signOutEverywhere } from "@/lib/identity/sign-out-everywhere";

export const dynamic = "force-dynamic";

const answer = z.object({ signedOut: z.literal(true) }).strict();

export const DELETE = route({ summary: "Sign out of every browser, this one included; API tokens keep working (revoke them one by one)", response: answer }, ({ caller, context }) => signOutEverywhere(web().db, caller, context));
