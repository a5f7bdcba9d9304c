import { NextResponse } from "next/server";
import { route } from "@/app/_server/route";
import { web } from "@/app/_server/runtime";
import { rotateWebhookSecret } from "@/lib/services/rotate-webhook-secret";
import { issuedWebhookSecret } from "@/lib/services/api-schemas";
import { idParams } from "@/lib/api-contract/common-schemas";

export const dynamic = "force-dynamic";

export const POST = route(
  { summary: "Create or replace the service's CI webhook secret; this answer is the only time it is shown", params: idParams, response: issuedWebhookSecret, status: 201 },
  async ({ caller, params, context }) => {
  const issued = await rotateWebhookSecret(web().db, caller, { service: params.id, encryptionKey: web().encryptionKeys, context });
  return NextResponse.json(issued, { status: 201, headers: { "cache-control": "no-store" } });
});
