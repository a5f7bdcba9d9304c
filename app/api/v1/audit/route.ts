import { route } from "@/app/_server/route";
import { web } from "@/app/_server/runtime";
import { auditEventPage, listAuditEventsQuery } from "@/lib/audit/audit-schemas";
import { listAuditEvents } from "@/lib/audit/list-audit-events";

export const dynamic = "force-dynamic";

export const GET = route(
  { summary: "The audit log, newest first (site admins)", description: "Keyset pages; filters by actor, action, target type, team, time range and text.", query: listAuditEventsQuery, response: auditEventPage },
  ({ caller, query }) => listAuditEvents(web().db, caller, query));
