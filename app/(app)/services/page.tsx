import type { Metadata } from "next";
import { web } from "@/app/_server/runtime";
import { param, pathWithQuery, requireSignedIn } from "@/app/_ui/session";
import { firstPageIfStale, StalePageNotice } from "@/app/_ui/stale-cursor";
import { ServicesTable } from "@/components/services/services-table";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { KeysetPagination } from "@/components/ui/keyset-pagination";
import { SearchForm } from "@/components/ui/search-form";
import { listServices } from "@/lib/services/list-services";
import { listServicesSchema } from "@/lib/services/schemas";

export const metadata: Metadata = { title: "Services" };

const LIMIT = 20;

export default async function ServicesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = await searchParams;
  const query = { search: param(raw.search), cursor: param(raw.cursor) };
  const caller = await requireSignedIn(pathWithQuery("/services", query));
  const parsed = listServicesSchema.safeParse({ search: query.search, cursor: query.cursor, limit: LIMIT });
  const input = parsed.success ? parsed.data : listServicesSchema.parse({ limit: LIMIT });
  const { page: result, restarted } = await firstPageIfStale(input.cursor, (cursor) => listServices(web().db, caller, { ...input, cursor }));
  const canCreate = caller.memberships.some((m) => caller.isAdmin || m.role !== "viewer");
  const createButton = canCreate && (
    <ButtonLink href="/services/new" variant="primary">
      New service
    </ButtonLink>
  );

  return (
    <>
      <PageHeader title="Services" description="What your teams deploy: where each service runs, how its health is judged, and its releases." actions={createButton} />
      <div className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-xs">
        <div className="border-b border-slate-200 px-4 py-3">
          <SearchForm action="/services" search={query.search ?? ""} label="Search services" placeholder="Search by name or description" />
        </div>
        {restarted && <StalePageNotice />}
        {result.items.length > 0 ? (
          <>
            <ServicesTable items={result.items} />
            <KeysetPagination {...result} inCard basePath="/services" query={{ search: query.search }} noun="services" />
          </>
        ) : query.search ? (
          <EmptyState title="No services match" action={<ButtonLink href="/services">Clear search</ButtonLink>}>
            Nothing matches “{query.search}”. Try another name.
          </EmptyState>
        ) : (
          <EmptyState title="No services yet — describe the first one" action={createButton}>
            A service names the instance group of a template it runs on, how its health is checked and how releases roll out by default. Then add its releases:
            a version, the container image or archive, and its config.
          </EmptyState>
        )}
      </div>
    </>
  );
}
