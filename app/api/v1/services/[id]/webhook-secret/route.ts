import { NextResponse } from "next/server";
import { route } from "@/app/_server/route";
import { web } from "@/app/_server/runtime";
import { rotateWebhookSecret } from "@/lib/services/rotate-webhook-secret";

export const dynamic = "force-dynamic";

/** Creates or replaces the service's CI webhook secret; the answer is the only time it is shown. */
export const POST = route({}, async ({ caller, params, context }) => {
  const issued = await rotateWebhookSecret(web().db, caller, { service: params.id!, encryptionKey: web().encryptionKeys, context });
  return NextResponse.json(issued, { status: 201, headers: { "cache-control": "no-store" } });
});
