// The audit log as a file: every event the filters match (newest first, at most MAX_EXPORT),
// read in chunks so memory stays flat, as CSV (RFC 4180, formula-safe: the deployments export's
// writer) or JSON Lines (one event per line, for jq and log pipelines).
import type { Tx } from "../db/client";
import { csvRecord } from "../deployments/csv";
import { requireSiteAdmin } from "../identity/permissions";
import type { Caller } from "../identity/caller";
import type { AuditEventView, ExportAuditEventsInput } from "./audit-schemas";
import { auditEventSelect, auditViews, auditWhere } from "./list-audit-events";

export const MAX_EXPORT = 100_000;
const CHUNK = 1000;

export const AUDIT_CSV_COLUMNS = ["id", "at", "actor_email", "actor_id", "action", "target_type", "target_id", "team", "ip", "user_agent", "api_token_id", "before", "after"] as const;

const json = (value: unknown) => (value === null || value === undefined ? "" : JSON.stringify(value));

function csvValues(event: AuditEventView) {
  return [
    event.id,
    event.at,
    event.actor.email,
    event.actor.id,
    event.action,
    event.target.type,
    event.target.id,
    event.team?.slug ?? event.team?.id,
    event.ip,
    event.userAgent,
    event.apiTokenId,
    json(event.before),
    json(event.after),
  ];
}

async function* auditChunks(db: Tx, filters: ExportAuditEventsInput, limit: number): AsyncGenerator<AuditEventView[]> {
  const where = auditWhere(filters);
  let lastId: bigint | undefined;
  for (let sent = 0; sent < limit; ) {
    const rows = await db.auditEvent.findMany({
      where: lastId === undefined ? where : { AND: [where, { id: { lt: lastId } }] },
      orderBy: { id: "desc" },
      take: Math.min(CHUNK, limit - sent),
      select: auditEventSelect,
    });
    if (rows.length === 0) return;
    yield await auditViews(db, rows);
    sent += rows.length;
    lastId = rows[rows.length - 1]!.id;
    if (rows.length < CHUNK) return;
  }
}

/** The export's text piece by piece; the caller is checked before the first piece. */
export async function* exportAuditEvents(db: Tx, caller: Caller, filters: ExportAuditEventsInput, limit = MAX_EXPORT): AsyncGenerator<string> {
  requireSiteAdmin(caller);
  if (filters.format === "csv") yield csvRecord(AUDIT_CSV_COLUMNS);
  for await (const chunk of auditChunks(db, filters, limit)) {
    yield chunk.map((event) => (filters.format === "csv" ? csvRecord(csvValues(event)) : `${JSON.stringify(event)}\n`)).join("");
  }
}
