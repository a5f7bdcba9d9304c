import { route } from "@/app/_server/route";
import { web } from "@/app/_server/runtime";
import { getDeployment } from "@/lib/deployments/get-deployment";
import { deploymentView } from "@/lib/deployments/api-schemas";
import { idParams } from "@/lib/api-contract/common-schemas";

export const dynamic = "force-dynamic";

export const GET = route(
  { summary: "One deployment: release from → to, strategy, run steps, queue position, health gate, diff, actions", params: idParams, response: deploymentView },
  ({ caller, params }) => getDeployment(web().db, caller, params.id));
