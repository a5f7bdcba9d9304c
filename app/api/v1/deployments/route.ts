import { route } from "@/app/_server/route";
import { web } from "@/app/_server/runtime";
import { listDeployments } from "@/lib/deployments/list-deployments";
import { listDeploymentsSchema } from "@/lib/deployments/history-schemas";
import { deploymentList } from "@/lib/deployments/api-schemas";

export const dynamic = "force-dynamic";

export const GET = route(
  {
    summary: "Deploy history of your teams, newest first",
    description: "Filters `service`, `environment`, `release`, `person`, `result` (comma list), `from`/`to`, search `q`; keyset pages (`cursor`, `limit`).",
    query: listDeploymentsSchema,
    response: deploymentList,
  },
  ({ caller, query }) => listDeployments(web().db, caller, query));
