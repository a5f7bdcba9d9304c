import { route } from "@/app/_server/route";
import { web } from "@/app/_server/runtime";
import { listDeployments } from "@/lib/deployments/list-deployments";
import { listDeploymentsSchema } from "@/lib/deployments/history-schemas";

export const dynamic = "force-dynamic";

/**
 * Deploy history of the caller's teams, newest first, in keyset pages: filters `service`,
 * `environment`, `release`, `person`, `result` (comma list), `from`/`to`, search `q`; `cursor`, `limit`.
 */
export const GET = route({ query: listDeploymentsSchema }, ({ caller, query }) => listDeployments(web().db, caller, query));
