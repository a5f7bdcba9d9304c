import { attachmentResponse, fileStamp } from "@/app/_server/attachment";
import { route } from "@/app/_server/route";
import { web } from "@/app/_server/runtime";
import { exportDeployments } from "@/lib/deployments/export-deployments";
import { exportDeploymentsSchema } from "@/lib/deployments/history-schemas";

export const dynamic = "force-dynamic";

const TYPES = { csv: "text/csv; charset=utf-8; header=present", json: "application/json; charset=utf-8" };

export const GET = route(
  {
    summary: "Export the deploy history: every deployment the filters match (at most 100,000)",
    description: "The same filters as `GET /api/v1/deployments`; `format=csv` (RFC 4180, header row) or `json`, streamed as an attachment.",
    query: exportDeploymentsSchema,
    produces: { types: ["text/csv", "application/json"], description: "An attachment (Content-Disposition) with one row or object per deployment" },
  },
  async ({ caller, query }) =>
    attachmentResponse(exportDeployments(web().db, caller, query), { name: `deployments-${fileStamp()}.${query.format}`, contentType: TYPES[query.format] }),
);
