// Deploy history as a file: every deployment the filters match (newest first, at most
// MAX_EXPORT), read in keyset chunks so memory stays flat however many there are, as CSV (a
// header row, RFC 4180) or a JSON array of the list's items.
import type { Tx } from "../db/client";
import type { Caller } from "../identity/caller";
import { csvRecord } from "./csv";
import { deploymentSummary, deploymentSummarySelect, type DeploymentSummary } from "./deployment-summary";
import type { ExportDeploymentsInput } from "./history-schemas";
import { historyWhere } from "./history-where";
import { seekWhere } from "./list-deployments";

export const MAX_EXPORT = 100_000;
const CHUNK = 1000;

export const CSV_COLUMNS = [
  "id",
  "service",
  "release",
  "from_release",
  "environment",
  "strategy",
  "state",
  "source",
  "requested_by",
  "created_at",
  "started_at",
  "finished_at",
  "duration_ms",
  "rollback_of",
  "reason",
] as const;

function csvValues(row: DeploymentSummary) {
  return [
    row.id,
    row.service.name,
    row.release.version,
    row.fromRelease?.version,
    row.environment.name,
    row.strategy,
    row.state,
    row.source,
    row.requestedBy?.email,
    row.createdAt,
    row.startedAt,
    row.finishedAt,
    row.durationMs,
    row.rollbackOf,
    row.reason,
  ];
}

/** The matching deployments, chunk by chunk; filters are checked (and the caller scoped) before the first row. */
export async function* deploymentRows(db: Tx, caller: Caller, filters: ExportDeploymentsInput, limit = MAX_EXPORT): AsyncGenerator<DeploymentSummary[]> {
  const where = await historyWhere(db, caller, filters);
  if (!where) return;
  let last: DeploymentSummary | undefined;
  for (let sent = 0; sent < limit; ) {
    const rows = await db.deployment.findMany({
      where: last ? { AND: [where, seekWhere({ direction: "after", key: [last.createdAt.toISOString(), last.id] })] } : where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: Math.min(CHUNK, limit - sent),
      select: deploymentSummarySelect,
    });
    if (rows.length === 0) return;
    const chunk = rows.map(deploymentSummary);
    yield chunk;
    sent += chunk.length;
    last = chunk[chunk.length - 1];
    if (rows.length < CHUNK) return;
  }
}

/** The export's text, piece by piece: CSV records or the pieces of one JSON array. */
export async function* exportDeployments(db: Tx, caller: Caller, filters: ExportDeploymentsInput, limit = MAX_EXPORT): AsyncGenerator<string> {
  const rows = deploymentRows(db, caller, filters, limit);
  if (filters.format === "csv") {
    yield csvRecord(CSV_COLUMNS);
    for await (const chunk of rows) yield chunk.map((row) => csvRecord(csvValues(row))).join("");
    return;
  }
  let first = true;
  yield "[";
  for await (const chunk of rows) {
    yield chunk.map((row) => `${first ? ((first = false), "\n") : ",\n"}${JSON.stringify(row)}`).join("");
  }
  yield "\n]\n";
}
