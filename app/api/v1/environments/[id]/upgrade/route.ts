import { NextResponse } from "next/server";
import { route } from "@/app/_server/route";
import { enqueueNow, web } from "@/app/_server/runtime";
import { applyUpgrade } from "@/lib/environments/apply-upgrade";
import { planUpgrade } from "@/lib/environments/plan-upgrade";
import { upgradeEnvironmentSchema, upgradePlanQuerySchema } from "@/lib/environments/upgrade-schemas";
import { upgradePlan, upgradeStarted } from "@/lib/environments/api-schemas";
import { idParams } from "@/lib/api-contract/common-schemas";

export const dynamic = "force-dynamic";

export const GET = route(
  { summary: "The upgrade plan to the newest requestable version (or `toVersion`): what would change, nothing written", params: idParams, query: upgradePlanQuerySchema, response: upgradePlan },
  async ({ caller, params, query }) => (await planUpgrade(web().db, caller, { environmentId: params.id, toVersion: query.toVersion, live: { providers: web().providers } })).view);

export const POST = route(
  { summary: "Upgrade: 202 with the update run (or, with `dryRun: true`, 200 with the plan)", params: idParams, body: upgradeEnvironmentSchema, response: upgradeStarted, status: [202, 200] },
  async ({ caller, params, body, context }) => {
  const request = { environmentId: params.id, toVersion: body.toVersion, parameters: body.parameters, live: { providers: web().providers } };
  if (body.dryRun) return (await planUpgrade(web().db, caller, request, { forWrite: true })).view;
  const applied = await applyUpgrade(web().db, caller, { ...request, context });
  await enqueueNow(applied.outbox);
  return NextResponse.json({ id: applied.environmentId, runId: applied.runId, plan: applied.plan }, { status: 202 });
});
