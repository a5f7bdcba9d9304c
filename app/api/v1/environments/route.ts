import { NextResponse } from "next/server";
import { route } from "@/app/_server/route";
import { enqueueNow, web } from "@/app/_server/runtime";
import { listEnvironments } from "@/lib/environments/list-environments";
import { requestEnvironment } from "@/lib/environments/request-environment";
import { listEnvironmentsSchema, requestEnvironmentSchema } from "@/lib/environments/schemas";

export const dynamic = "force-dynamic";

/** Newest first in keyset pages: `state` (active, all or one state), `search`, `team`, `template`, `cursor`, `limit`. */
export const GET = route({ query: listEnvironmentsSchema }, ({ caller, query }) => listEnvironments(web().db, caller, query));

export const POST = route({ body: requestEnvironmentSchema }, async ({ caller, body, context }) => {
  const { db, providers } = web();
  const requested = await requestEnvironment(db, caller, { ...body, context }, { providers });
  await enqueueNow(requested.outbox);
  return NextResponse.json({ id: requested.environmentId, runId: requested.runId }, { status: 201, headers: { location: `/api/v1/environments/${requested.environmentId}` } });
});
