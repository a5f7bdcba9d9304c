import { route } from "@/app/_server/route";
import { web } from "@/app/_server/runtime";
import { extendEnvironment, extendEnvironmentSchema } from "@/lib/environments/extend-environment";

export const dynamic = "force-dynamic";

/** Extend the lease: `{by: "2h"}` from the current expiry or `{until: ISO}`, within the template's lease.max from now (admins: beyond). */
export const POST = route({ body: extendEnvironmentSchema }, ({ caller, params, body, context }) => extendEnvironment(web().db, caller, { ...body, environmentId: params.id!, context }));
