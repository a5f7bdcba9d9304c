import { attachmentResponse, fileStamp } from "@/app/_server/attachment";
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
  async ({ caller, query }) =>
    attachmentResponse(exportAuditEvents(web().db, caller, query), { name: `audit-${fileStamp()}.${query.format}`, contentType: TYPES[query.format] }),
);
