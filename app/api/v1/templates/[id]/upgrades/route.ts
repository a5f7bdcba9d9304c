import { NextResponse } from "next/server";
import { route } from "@/app/_server/route";
import { enqueueNow, web } from "@/app/_server/runtime";
import { listUpgradeBatches, startUpgradeBatch } from "@/lib/environments/upgrade-batches";
import { upgradeBatchSchema } from "@/lib/environments/upgrade-schemas";
import { upgradeBatchList, upgradeBatchStarted } from "@/lib/environments/api-schemas";
import { idParams } from "@/lib/api-contract/common-schemas";

export const dynamic = "force-dynamic";

export const GET = route({ summary: "The template's recent upgrade batches and how far each got", params: idParams, response: upgradeBatchList }, async ({ caller, params }) => ({ items: await listUpgradeBatches(web().db, caller, params.id) }));

export const POST = route(
  { summary: "Upgrade many environments (those you may change): each its own run, at most `concurrency` at once", description: "202 with the batch; 200 when nothing needed it.", params: idParams, body: upgradeBatchSchema, response: upgradeBatchStarted, status: [202, 200] },
  async ({ caller, params, body, context }) => {
  const { outbox, ...batch } = await startUpgradeBatch(web().db, caller, { ...body, template: params.id, context, live: { providers: web().providers } });
  await enqueueNow(...outbox);
  return NextResponse.json(batch, { status: batch.batchId ? 202 : 200 });
});
