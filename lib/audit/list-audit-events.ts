// The audit log for site admins: filtered, newest first, in keyset pages. Events are ordered by
// their id (a sequence, so the order they were written) rather than `at`: the primary key index
// serves every page and no two events tie. Rows were scrubbed of secrets when written
// (record-audit-event.ts), so what is stored is what is shown.
import { z } from "zod";
import type { Tx } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { isBigintId } from "../api-contract/common-schemas";
import { createdAtRange } from "../deployments/history-schemas";
import { decodeCursor, keysetPageOf } from "../pagination/keyset";
import { TOTAL_CAP, type ListPage } from "../pagination/keyset-list";
import { requireSiteAdmin } from "../identity/permissions";
import type { Caller } from "../identity/caller";
import type { AuditEventView, ExportAuditEventsInput, ListAuditEventsInput } from "./audit-schemas";

const SORT = "audit:newest";
// An event id (an edited cursor past bigint's range would otherwise be a database error).
const cursorKey = z.tuple([z.string().refine(isBigintId)]);
type Key = z.infer<typeof cursorKey>;

export const auditEventSelect = {
  id: true,
  at: true,
  actorId: true,
  actorEmail: true,
  action: true,
  targetType: true,
  targetId: true,
  teamId: true,
  before: true,
  after: true,
  ip: true,
  userAgent: true,
  apiTokenId: true,
} satisfies Prisma.AuditEventSelect;
type Row = Prisma.AuditEventGetPayload<{ select: typeof auditEventSelect }>;

type Filters = Omit<ExportAuditEventsInput, "format">;

export function auditWhere(filters: Filters): Prisma.AuditEventWhereInput {
  const and: Prisma.AuditEventWhereInput[] = [];
  const contains = (value: string) => ({ contains: value, mode: "insensitive" as const });
  if (filters.actor) and.push({ actorEmail: contains(filters.actor) });
  if (filters.action) and.push({ action: { startsWith: filters.action } });
  if (filters.targetType) and.push({ targetType: filters.targetType });
  if (filters.teamId) and.push({ teamId: filters.teamId });
  if (filters.from || filters.to) and.push({ at: createdAtRange(filters) });
  if (filters.q) {
    const q = contains(filters.q);
    and.push({ OR: [{ action: q }, { actorEmail: q }, { targetType: q }, { targetId: q }, { ip: q }] });
  }
  return and.length > 0 ? { AND: and } : {};
}

/** The page's rows as the API shows them, with the teams' slugs looked up once per page. */
export async function auditViews(db: Tx, rows: Row[]): Promise<AuditEventView[]> {
  const teamIds = [...new Set(rows.map((row) => row.teamId).filter((id): id is string => id !== null))];
  const teams = teamIds.length > 0 ? await db.team.findMany({ where: { id: { in: teamIds } }, select: { id: true, slug: true } }) : [];
  const slugOf = new Map(teams.map((team) => [team.id, team.slug]));
  return rows.map((row) => ({
    id: row.id.toString(),
    at: row.at,
    actor: { id: row.actorId, email: row.actorEmail },
    action: row.action,
    target: { type: row.targetType, id: row.targetId },
    // A deleted team keeps its id in old events; its slug is then unknown.
    team: row.teamId ? { id: row.teamId, slug: slugOf.get(row.teamId) ?? null } : null,
    before: row.before,
    after: row.after,
    ip: row.ip,
    userAgent: row.userAgent,
    apiTokenId: row.apiTokenId,
  }));
}

function seek(key: Key, side: "after" | "before" | "through"): Prisma.AuditEventWhereInput {
  const id = BigInt(key[0]);
  // Newest first: "after" in the list is a smaller id.
  return { id: side === "after" ? { lt: id } : side === "before" ? { gt: id } : { gte: id } };
}

export async function listAuditEvents(db: Tx, caller: Caller, input: ListAuditEventsInput): Promise<ListPage<AuditEventView>> {
  requireSiteAdmin(caller);
  const cursor = decodeCursor(input.cursor, cursorKey, SORT);
  const where = auditWhere(input);
  const and = (extra: Prisma.AuditEventWhereInput) => ({ AND: [where, extra] });
  const backwards = cursor?.direction === "before";
  const [rows, counted, ahead] = await Promise.all([
    db.auditEvent.findMany({ where: cursor ? and(seek(cursor.key, cursor.direction)) : where, orderBy: { id: backwards ? "asc" : "desc" }, take: input.limit + 1, select: auditEventSelect }),
    db.auditEvent.count({ where, take: TOTAL_CAP + 1 }),
    cursor ? db.auditEvent.count({ where: and(seek(cursor.key, cursor.direction === "after" ? "through" : "before")), take: TOTAL_CAP + input.limit + 1 }) : Promise.resolve(0),
  ]);
  const page = keysetPageOf(rows, { limit: input.limit, total: Math.min(counted, TOTAL_CAP), cursor, keyOf: (row): Key => [row.id.toString()], sort: SORT });
  const before = backwards ? Math.max(0, ahead - page.items.length) : ahead;
  const pageNumber = !cursor ? 1 : ahead > TOTAL_CAP + input.limit || before > TOTAL_CAP ? null : Math.floor(before / input.limit) + 1;
  return { ...page, items: await auditViews(db, page.items), totalCapped: counted > TOTAL_CAP, page: pageNumber };
}
