import type { Metadata } from "next";
import { web } from "@/app/_server/runtime";
import { firstPageIfStale, StalePageNotice } from "@/app/_ui/stale-cursor";
import { param, pathWithQuery, requireSignedIn } from "@/app/_ui/session";
import { AdminTabs } from "@/components/admin/admin-tabs";
import { AuditFilters, type AuditFilterValues } from "@/components/admin/audit-filters";
import { AuditTable } from "@/components/admin/audit-table";
import { buttonStyles } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Forbidden } from "@/components/ui/forbidden";
import { KeysetPagination } from "@/components/ui/keyset-pagination";
import { PageHeader } from "@/components/ui/page-header";
import { listAuditEventsQuery } from "@/lib/audit/audit-schemas";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { listTeams } from "@/lib/identity/set-user-roles";

export const metadata: Metadata = { title: "Audit log" };
export const dynamic = "force-dynamic";

const FILTERS = ["actor", "action", "targetType", "teamId", "from", "to", "q"] as const;

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = await searchParams;
  const filters: AuditFilterValues = {};
  for (const key of FILTERS) {
    const value = param(raw[key]);
    if (value !== undefined) filters[key] = value;
  }
  const cursor = param(raw.cursor);
  const caller = await requireSignedIn(pathWithQuery("/admin/audit", { ...filters, cursor }));
  if (!caller.isAdmin) {
    return <Forbidden title="Only site administrators read the audit log">It records who changed what, from where; ask an administrator if you need an entry.</Forbidden>;
  }
  const { db } = web();
  const teams = await listTeams(db, caller);
  // A filter the API would refuse is shown at its field instead of an error page.
  const parsed = listAuditEventsQuery.safeParse({ ...filters, limit: 50 });
  const issues = parsed.success ? {} : Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0]), issue.message]));
  const result = parsed.success ? await firstPageIfStale(cursor, (at) => listAuditEvents(db, caller, { ...parsed.data, cursor: at })) : null;
  const exportHref = (format: "csv" | "jsonl") => pathWithQuery("/api/v1/audit/export", { ...filters, format });
  const filtered = Object.keys(filters).length > 0;
  return (
    <>
      <PageHeader
        title="Administration"
        description="People, their team roles, and what happened when."
        actions={
          parsed.success && (
            <>
              <a href={exportHref("csv")} className={buttonStyles("secondary")} download>
                Export CSV
              </a>
              <a href={exportHref("jsonl")} className={buttonStyles("secondary")} download>
                Export JSONL
              </a>
            </>
          )
        }
      />
      <AdminTabs current="/admin/audit" />
      <div className="space-y-4">
        <AuditFilters values={filters} teams={teams} issues={issues} />
        <div className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-xs">
          {result?.restarted && <StalePageNotice />}
          {!result ? (
            <EmptyState title="Fix the filters above">A filter is not valid; its message is under it.</EmptyState>
          ) : result.page.items.length === 0 ? (
            <EmptyState title={filtered ? "No events match" : "Nothing recorded yet"}>{filtered ? "Widen the dates or clear a filter." : "Changes people make show here as they happen."}</EmptyState>
          ) : (
            <AuditTable events={result.page.items} />
          )}
          {result && <KeysetPagination {...result.page} basePath="/admin/audit" query={filters} noun="events" inCard />}
        </div>
      </div>
    </>
  );
}
