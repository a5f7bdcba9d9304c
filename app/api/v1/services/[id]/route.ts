import { route } from "@/app/_server/route";
import { web } from "@/app/_server/runtime";
import { getService } from "@/lib/services/get-service";
import { serviceView } from "@/lib/services/api-schemas";
import { idParams } from "@/lib/api-contract/common-schemas";

export const dynamic = "force-dynamic";

export const GET = route({ summary: "One service, by id or by name within your teams", params: idParams, response: serviceView }, ({ caller, params }) => getService(web().db, caller, params.id));
