// Deploy history across the caller's readable teams, newest first, in keyset pages
// (createdAt desc, id desc): a deep page costs what the first one does, at 100k deployments too.
// The total is counted only up to TOTAL_CAP rows, so a page never pays for counting them all.
import { z } from "zod";
import type { Tx } from "../db/client";
import type { Prisma } from "../db/generated/client";
import type { Caller } from "../identity/caller";
import { decodeCursor, keysetPageOf, type Cursor, type KeysetPage } from "../pagination/keyset";
import { deploymentSummary, deploymentSummarySelect, type DeploymentSummary } from "./deployment-summary";
import type { ListDeploymentsInput } from "./history-schemas";
import { historyWhere } from "./history-where";

/** Counting past this many matches costs more than the number is worth: "1000+". */
export const TOTAL_CAP = 1000;

/** A row's place in the order: created at (ISO), then id to break ties. */
export const deploymentKey = z.tuple([z.iso.datetime(), z.string().max(100)]);
export type DeploymentKey = z.infer<typeof deploymentKey>;

export type DeploymentHistoryPage = KeysetPage<DeploymentSummary> & { /** `total` is a lower bound: there are more. */ totalCapped: boolean };

/** Newest first: "after" a row is older than it, "before" is newer. */
export function seekWhere(cursor: Cursor<DeploymentKey>): Prisma.DeploymentWhereInput {
  const at = new Date(cursor.key[0]);
  const id = cursor.key[1];
  // The plain bound on createdAt is what Postgres can start the index scan at; the OR alone is
  // only a filter, which a deep page would pay for row by row from the newest.
  return cursor.direction === "before"
    ? { createdAt: { gte: at }, OR: [{ createdAt: { gt: at } }, { createdAt: at, id: { gt: id } }] }
    : { createdAt: { lte: at }, OR: [{ createdAt: { lt: at } }, { createdAt: at, id: { lt: id } }] };
}

export async function listDeployments(db: Tx, caller: Caller, input: ListDeploymentsInput): Promise<DeploymentHistoryPage> {
  const cursor = decodeCursor(input.cursor, deploymentKey);
  const where = await historyWhere(db, caller, input);
  if (!where) return { items: [], total: 0, totalCapped: false, limit: input.limit, nextCursor: null, prevCursor: null };
  const order = cursor?.direction === "before" ? "asc" : "desc";
  const [rows, counted] = await Promise.all([
    db.deployment.findMany({
      where: cursor ? { AND: [where, seekWhere(cursor)] } : where,
      orderBy: [{ createdAt: order }, { id: order }],
      take: input.limit + 1,
      select: deploymentSummarySelect,
    }),
    // Ordered like the page, so counting walks the same (…, createdAt, id) index rather than the primary key.
    db.deployment.count({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: TOTAL_CAP + 1 }),
  ]);
  const page = keysetPageOf(rows.map(deploymentSummary), {
    limit: input.limit,
    total: Math.min(counted, TOTAL_CAP),
    cursor,
    keyOf: (row): DeploymentKey => [row.createdAt.toISOString(), row.id],
  });
  return { ...page, totalCapped: counted > TOTAL_CAP };
}
