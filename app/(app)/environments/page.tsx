import type { Metadata } from "next";
import Link from "next/link";
import { web } from "@/app/_server/runtime";
import { param, pathWithQuery, requireSignedIn } from "@/app/_ui/session";
import { EnvironmentFilters } from "@/components/environments/environment-filters";
import { EnvironmentsTable } from "@/components/environments/environments-table";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { listEnvironments } from "@/lib/environments/list-environments";
import { listEnvironmentsSchema } from "@/lib/environments/schemas";

export const metadata: Metadata = { title: "Environments" };

const PAGE_SIZE = 20;

export default async function EnvironmentsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = await searchParams;
  const query = { search: param(raw.search), state: param(raw.state), page: param(raw.page), template: param(raw.template), version: param(raw.version) };
  const caller = await requireSignedIn(pathWithQuery("/environments", query));

  // No state = the live ones; "all" includes destroyed environments.
  const stateFilter = query.state === "all" ? undefined : (query.state ?? "active");
  const parsed = listEnvironmentsSchema.safeParse({
    search: query.search,
    state: stateFilter,
    page: query.page,
    pageSize: PAGE_SIZE,
    template: query.template,
    templateVersion: query.template ? query.version : undefined,
  });
  const input = parsed.success ? parsed.data : { page: 1, pageSize: PAGE_SIZE, state: "active" as const };
  const result = await listEnvironments(web().db, caller, input);
  const filtered = Boolean(query.search) || Boolean(query.template) || (query.state !== undefined && query.state !== "active");
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
        <EnvironmentFilters key={`${query.search ?? ""}:${query.state ?? ""}`} search={query.search ?? ""} state={query.state ?? "active"} />
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
            <Pagination {...result} basePath="/environments" query={{ search: query.search, state: query.state, template: query.template, version: query.version }} noun="environments" />
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
