import { NextResponse } from "next/server";
import { route } from "@/app/_server/route";
import { enqueueNow, web } from "@/app/_server/runtime";
import { promoteFromStage } from "@/lib/pipelines/promote";
import { promoteSchema } from "@/lib/pipelines/schemas";
import { promotionQueued } from "@/lib/deployments/api-schemas";
import { idParams } from "@/lib/api-contract/common-schemas";

export const dynamic = "force-dynamic";

export const POST = route(
  { summary: "Promote the release live on stage `from` to the next stage (awaiting confirmation when that stage asks for one)", params: idParams, body: promoteSchema, response: promotionQueued, status: 202 },
  async ({ caller, params, body, context }) => {
  const { outbox, ...promoted } = await promoteFromStage(web().db, caller, { service: params.id, from: body.from, context });
  if (outbox) await enqueueNow(outbox);
  return NextResponse.json(promoted, { status: 202, headers: { location: `/api/v1/deployments/${promoted.id}` } });
});
