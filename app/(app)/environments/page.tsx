import type { Metadata } from "next";
import Link from "next/link";
import { web } from "@/app/_server/runtime";
import { firstPageIfStale, StalePageNotice } from "@/app/_ui/stale-cursor";
import { param, pathWithQuery, requireSignedIn } from "@/app/_ui/session";
import { EnvironmentFilters } from "@/components/environments/environment-filters";
import { EnvironmentsTable } from "@/components/environments/environments-table";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { KeysetPagination } from "@/components/ui/keyset-pagination";
import { listEnvironments } from "@/lib/environments/list-environments";
import { listEnvironmentsSchema } from "@/lib/environments/schemas";
import { DEFAULT_STATE_FILTER } from "@/lib/environments/state-filter";

export const metadata: Metadata = { title: "Environments" };

const LIMIT = 20;

export default async function EnvironmentsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = await searchParams;
  const query = { search: param(raw.search), state: param(raw.state), cursor: param(raw.cursor), template: param(raw.template), version: param(raw.version) };
  const caller = await requireSignedIn(pathWithQuery("/environments", query));

  // The API's own query schema: no state means the active ones, "all" includes destroyed ones.
  const parsed = listEnvironmentsSchema.safeParse({
    search: query.search,
    state: query.state,
    cursor: query.cursor,
    limit: LIMIT,
    template: query.template,
    templateVersion: query.template ? query.version : undefined,
  });
  const input = parsed.success ? parsed.data : listEnvironmentsSchema.parse({ limit: LIMIT });
  // A cursor from an old or edited link starts the list again rather than failing the page.
  const { page: result, restarted } = await firstPageIfStale(input.cursor, (cursor) => listEnvironments(web().db, caller, { ...input, cursor }));
  const filtered = Boolean(query.search) || Boolean(query.template) || input.state !== DEFAULT_STATE_FILTER;
  const templateFilter = parsed.success && parsed.data.template ? `${parsed.data.template}${parsed.data.templateVersion ? ` v${parsed.data.templateVersion}` : ""}` : null;
  const canRequest = caller.memberships.some((m) => caller.isAdmin || m.role !== "viewer");

  return (
    <>
      <PageHeader
        title="Environments"
        description="Everything your teams have running, provisioning or recently destroyed."
        actions={canRequest && <ButtonLink href="/environments/new" variant="primary">Request environment</ButtonLink>}
      />
      <div className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-xs">
        <EnvironmentFilters key={`${query.search ?? ""}:${input.state}`} search={query.search ?? ""} state={input.state} />
        {restarted && <StalePageNotice />}
        {templateFilter && (
          <p className="flex items-center gap-2 border-b border-slate-200 px-4 py-2 text-sm text-slate-600" data-testid="template-filter">
            Made from <span className="font-mono text-slate-900">{templateFilter}</span>
            <Link href={pathWithQuery("/environments", { search: query.search, state: query.state })} className="text-xs text-indigo-700 hover:underline">
              Show every template
            </Link>
          </p>
        )}
        {result.items.length > 0 ? (
          <>
            <EnvironmentsTable items={result.items} />
            <KeysetPagination {...result} inCard basePath="/environments" query={{ search: query.search, state: query.state, template: query.template, version: query.version }} noun="environments" />
          </>
        ) : filtered ? (
          <EmptyState title="No environments match" action={<ButtonLink href="/environments">Clear filters</ButtonLink>}>
            Nothing matches {query.search ? <>“{query.search}”</> : "this filter"}. Try another search or state.
          </EmptyState>
        ) : (
          <EmptyState
            title="No environments yet — request one from a template"
            action={canRequest && <ButtonLink href="/environments/new" variant="primary">Request environment</ButtonLink>}
          >
            Pick a template, fill in a few fields and watch it come up. It is destroyed automatically when its lease ends.
          </EmptyState>
        )}
      </div>
    </>
  );
}
