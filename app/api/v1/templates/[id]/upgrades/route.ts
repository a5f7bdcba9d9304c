import { NextResponse } from "next/server";
import { route } from "@/app/_server/route";
import { enqueueNow, web } from "@/app/_server/runtime";
import { listUpgradeBatches, startUpgradeBatch } from "@/lib/environments/upgrade-batches";
import { upgradeBatchSchema } from "@/lib/environments/upgrade-schemas";

export const dynamic = "force-dynamic";

/** The template's recent upgrade batches and how far each got. */
export const GET = route({}, async ({ caller, params }) => ({ items: await listUpgradeBatches(web().db, caller, params.id!) }));

/** Upgrade many environments (those you may change): each its own run, at most `concurrency` at once. */
export const POST = route({ body: upgradeBatchSchema }, async ({ caller, params, body, context }) => {
  const { outbox, ...batch } = await startUpgradeBatch(web().db, caller, { ...body, template: params.id!, context, live: { providers: web().providers } });
  await enqueueNow(...outbox);
  return NextResponse.json(batch, { status: batch.batchId ? 202 : 200 });
});
