import { z } from "zod";
import { route } from "@/app/_server/route";
import { web } from "@/app/_server/runtime";
import { testCloudAccount } from "@/lib/cloud-accounts/test-cloud-account";

export const dynamic = "force-dynamic";

const body = z.object({ region: z.string().optional() }).strict();

/** Runs a cheap read with the account's credentials; the result is also stored on the account. */
export const POST = route({ body }, ({ caller, params, body, context }) =>
  testCloudAccount(web().db, web().providers, caller, { id: params.id!, region: body.region, context }),
);
