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
  async ({ caller, query }) => {
  const pieces = exportDeployments(web().db, caller, query);
  // The first piece is read before answering, so a failing query is an error response, not a cut file.
  const first = await pieces.next();
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      if (!first.done) controller.enqueue(encoder.encode(first.value));
    },
    async pull(controller) {
      const next = await pieces.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    // The client went away: stop reading chunks.
    async cancel() {
      await pieces.return(undefined);
    },
  });
  const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, "-");
  return new Response(stream, {
    headers: {
      "content-type": TYPES[query.format],
      "content-disposition": `attachment; filename="deployments-${stamp}.${query.format}"`,
      "cache-control": "no-store",
    },
  });
});
