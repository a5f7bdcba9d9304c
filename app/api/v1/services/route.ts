import { NextResponse } from "next/server";
import { route } from "@/app/_server/route";
import { web } from "@/app/_server/runtime";
import { createService } from "@/lib/services/create-service";
import { listServices } from "@/lib/services/list-services";
import { createServiceSchema, listServicesSchema } from "@/lib/services/schemas";
import { serviceList, serviceView } from "@/lib/services/api-schemas";

export const dynamic = "force-dynamic";

export const GET = route(
  { summary: "The services of your teams, by name", description: "Keyset pages: `search` (name, description), `team`, `cursor`, `limit`.", query: listServicesSchema, response: serviceList },
  ({ caller, query }) => listServices(web().db, caller, query));

export const POST = route({ summary: "Create a service (developer role): the template group it runs on, its health check and rollout strategy", body: createServiceSchema, response: serviceView, status: 201 }, async ({ caller, body, context }) => {
  const service = await createService(web().db, caller, { ...body, context });
  return NextResponse.json(service, { status: 201, headers: { location: `/api/v1/services/${service.id}` } });
});
