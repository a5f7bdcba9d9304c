import { NextResponse } from "next/server";
import { route } from "@/app/_server/route";
import { web } from "@/app/_server/runtime";
import { createService } from "@/lib/services/create-service";
import { listServices } from "@/lib/services/list-services";
import { createServiceSchema, listServicesSchema } from "@/lib/services/schemas";

export const dynamic = "force-dynamic";

/** The services of the caller's teams: by name in keyset pages: `search` (name, description), `team`, `cursor`, `limit`. */
export const GET = route({ query: listServicesSchema }, ({ caller, query }) => listServices(web().db, caller, query));

export const POST = route({ body: createServiceSchema }, async ({ caller, body, context }) => {
  const service = await createService(web().db, caller, { ...body, context });
  return NextResponse.json(service, { status: 201, headers: { location: `/api/v1/services/${service.id}` } });
});
