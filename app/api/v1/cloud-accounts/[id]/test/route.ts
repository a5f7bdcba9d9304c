import { z } from "zod";
import { route } from "@/app/_server/route";
import { web } from "@/app/_server/runtime";
import { testCloudAccount } from "@/lib/cloud-accounts/test-cloud-account";
import { connectionTest } from "@/lib/cloud-accounts/api-schemas";
import { idParams } from "@/lib/api-contract/common-schemas";

export const dynamic = "force-dynamic";

const body = z.object({ region: z.string().optional() }).strict();

export const POST = route(
  { summary: "Test the connection: a cheap read with the account's credentials", description: "The result is also stored on the account.", params: idParams, body, response: connectionTest },
  ({ caller, params, body, context }) =>
  testCloudAccount(web().db, web().providers, caller, { id: params.id, region: body.region, context }),
);
