import { route } from "@/app/_server/route";
import { web } from "@/app/_server/runtime";
import { auditEventPage, listAuditEventsQuery } from "@/lib/audit/audit-schemas";
import { listAuditEvents } from "@/lib/audit/list-audit-events";

export const dynamic = "force-dynamic";

/** Site admins: the audit log, newest first, in keyset pages; filters by actor, action, target type, team, time range and text. */
export const GET = route({ query: listAuditEventsQuery, response: auditEventPage }, ({ caller, query }) => listAuditEvents(web().db, caller, query));
