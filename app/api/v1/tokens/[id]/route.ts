import { z } from "zod";
import { route } from "@/app/_server/route";
import { web } from "@/app/_server/runtime";
import { revokeApiToken } from "@/lib/identity/api-tokens";
import { tokenView } from "@/lib/identity/api-tokens/schemas";

export const dynamic = "force-dynamic";

const params = z.object({ id: z.string().min(1).max(100) });

export const DELETE = route({ summary: "Revoke a token at once: its next request gets 401", params, response: tokenView }, ({ caller, params, context }) => revokeApiToken(web().db, caller, { tokenId: params.id, context }));
