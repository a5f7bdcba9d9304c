import { route } from "@/app/_server/route";
import { web } from "@/app/_server/runtime";
import { extendEnvironment, extendEnvironmentSchema } from "@/lib/environments/extend-environment";
import { extendedLease } from "@/lib/environments/api-schemas";
import { idParams } from "@/lib/api-contract/common-schemas";

export const dynamic = "force-dynamic";

export const POST = route(
  {
    summary: "Extend the lease",
    description: "`{by: \"2h\"}` from the current expiry or `{until: ISO}`, within the template's lease.max from now (admins: beyond).",
    params: idParams,
    body: extendEnvironmentSchema,
    response: extendedLease,
  },
  ({ caller, params, body, context }) => extendEnvironment(web().db, caller, { ...body, environmentId: params.id, context }));
