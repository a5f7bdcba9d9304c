import type { Metadata } from "next";
import { web } from "@/app/_server/runtime";
import { param, pathWithQuery, requireSignedIn } from "@/app/_ui/session";
import { DeploymentsTable } from "@/components/deployments/deployments-table";
import { HistoryFilters, type HistoryFilterValues } from "@/components/deployments/history-filters";
import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { KeysetPagination } from "@/components/ui/keyset-pagination";
import { PageHeader } from "@/components/ui/page-header";
import { FILTER_NAMES, listDeploymentsSchema } from "@/lib/deployments/history-schemas";
import { listDeployments } from "@/lib/deployments/list-deployments";
import { Invalid } from "@/lib/errors";
import { zodIssues } from "@/lib/errors/zod-issues";

export const metadata: Metadata = { title: "Deployments" };

const LIMIT = 25;

export default async function DeploymentsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = await searchParams;
  const filters: HistoryFilterValues = {};
  for (const name of FILTER_NAMES) {
    const value = param(raw[name]);
    if (value !== undefined) filters[name] = value;
  }
  const cursor = param(raw.cursor);
  const caller = await requireSignedIn(pathWithQuery("/deployments", { ...filters, cursor }));
  const parsed = listDeploymentsSchema.safeParse({ ...filters, cursor, limit: LIMIT });
  const errors = parsed.success ? {} : Object.fromEntries(zodIssues(parsed.error).map((issue) => [issue.path, issue.message]));
  // A bad filter shows at its field; the list shows nothing rather than ignoring what was asked.
  let restarted = false;
  let page = parsed.success ? await listDeployments(web().db, caller, parsed.data).catch((error: unknown) => {
    if (error instanceof Invalid && cursor) return null;
    throw error;
  }) : null;
  if (parsed.success && page === null) {
    restarted = true;
    page = await listDeployments(web().db, caller, { ...parsed.data, cursor: undefined });
  }
  const filtered = Object.keys(filters).length > 0;
  const exportQuery = new URLSearchParams(filters).toString();
  const exportHref = (format: "csv" | "json") => `/api/v1/deployments/export?${exportQuery ? `${exportQuery}&` : ""}format=${format}`;

  return (
    <>
      <PageHeader
        title="Deployments"
        description="Every release rolled out to your teams' environments: from which version, how, by whom, when, how long it took and how it ended."
        actions={
          parsed.success && (
            <>
              <a href={exportHref("csv")} className="text-sm font-medium text-indigo-700 hover:underline" download>
                Export CSV
              </a>
              <a href={exportHref("json")} className="text-sm font-medium text-indigo-700 hover:underline" download>
                Export JSON
              </a>
            </>
          )
        }
      />
      <div className="space-y-4">
        <div className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-xs">
          <HistoryFilters values={filters} errors={errors} action="/deployments" />
          {!parsed.success && (
            <div className="px-4 py-3">
              <Alert>Fix the highlighted filters to see deployments.</Alert>
            </div>
          )}
          {restarted && (
            <div className="px-4 pt-3">
              <Alert tone="info">That link’s page no longer exists; showing the newest deployments.</Alert>
            </div>
          )}
          {page && page.items.length > 0 && <DeploymentsTable items={page.items} />}
          {page && page.items.length === 0 &&
            (filtered ? (
              <EmptyState title="No deployments match" action={<ButtonLink href="/deployments">Clear filters</ButtonLink>}>
                Nothing matches these filters. Widen the date range, pick another result, or clear them.
              </EmptyState>
            ) : (
              <EmptyState title="No deployments yet" action={<ButtonLink href="/services">Go to services</ButtonLink>}>
                Deploy a release from its service’s page (or POST /api/v1/services/:id/deployments): choose the release, an environment made from the service’s
                template, and the strategy. Every deployment shows up here.
              </EmptyState>
            ))}
        </div>
        {page && <KeysetPagination {...page} basePath="/deployments" query={filters} noun="deployments" />}
      </div>
    </>
  );
}
