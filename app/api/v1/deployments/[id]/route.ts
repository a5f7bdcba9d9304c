import { route } from "@/app/_server/route";
import { web } from "@/app/_server/runtime";
import { getDeployment } from "@/lib/deployments/get-deployment";

export const dynamic = "force-dynamic";

/** One deployment: release from → to, strategy, run steps, queue position, health gate, diff, actions. */
export const GET = route({}, ({ caller, params }) => getDeployment(web().db, caller, params.id!));
