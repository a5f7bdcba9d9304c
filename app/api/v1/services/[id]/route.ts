import { route } from "@/app/_server/route";
import { web } from "@/app/_server/runtime";
import { getService } from "@/lib/services/get-service";

export const dynamic = "force-dynamic";

/** By id, or by name within the caller's teams. */
export const GET = route({}, ({ caller, params }) => getService(web().db, caller, params.id!));
