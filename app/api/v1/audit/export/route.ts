import { route } from "@/app/_server/route";
import { web } from "@/app/_server/runtime";
import { exportAuditEventsQuery } from "@/lib/audit/audit-schemas";
import { exportAuditEvents } from "@/lib/audit/export-audit-events";

export const dynamic = "force-dynamic";

const TYPES = { csv: "text/csv; charset=utf-8; header=present", jsonl: "application/x-ndjson; charset=utf-8" };

export const GET = route(
  {
    summary: "Export the audit log (site admins): every event the filters match, at most 100,000",
    query: exportAuditEventsQuery,
    produces: { types: ["text/csv", "application/x-ndjson"], description: "A CSV or JSON Lines attachment" },
  },
  async ({ caller, query }) => {
  const pieces = exportAuditEvents(web().db, caller, query);
  // The first piece is read before answering, so a refusal is an error response, not a cut file.
  const first = await pieces.next();
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      if (first.done) controller.close();
      else controller.enqueue(encoder.encode(first.value));
    },
    async pull(controller) {
      const next = await pieces.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await pieces.return(undefined);
    },
  });
  const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, "-");
  return new Response(stream, {
    headers: { "content-type": TYPES[query.format], "content-disposition": `attachment; filename="audit-${stamp}.${query.format}"`, "cache-control": "no-store" },
  });
});
