import { NextResponse } from "next/server";
import { route } from "@/app/_server/route";
import { enqueueNow, web } from "@/app/_server/runtime";
import { listEnvironments } from "@/lib/environments/list-environments";
import { requestEnvironment } from "@/lib/environments/request-environment";
import { listEnvironmentsSchema, requestEnvironmentSchema } from "@/lib/environments/schemas";
import { environmentList, environmentRun } from "@/lib/environments/api-schemas";

export const dynamic = "force-dynamic";

export const GET = route(
  {
    summary: "Environments of your teams, newest first",
    description: "Keyset pages: `state` (active, all or one state), `search`, `team`, `template`, `cursor`, `limit`.",
    query: listEnvironmentsSchema,
    response: environmentList,
  },
  ({ caller, query }) => listEnvironments(web().db, caller, query));

export const POST = route(
  {
    summary: "Request an environment: 201 with the environment and its provisioning run",
    description: "Everything is checked first (template, parameters, lease, region, name, permissions); one transaction then writes the environment, its run and its job.",
    body: requestEnvironmentSchema,
    response: environmentRun,
    status: 201,
  },
  async ({ caller, body, context }) => {
  const { db, providers } = web();
  const requested = await requestEnvironment(db, caller, { ...body, context }, { providers });
  await enqueueNow(requested.outbox);
  return NextResponse.json({ id: requested.environmentId, runId: requested.runId }, { status: 201, headers: { location: `/api/v1/environments/${requested.environmentId}` } });
});
