import type { Metadata } from "next";
import { web } from "@/app/_server/runtime";
import { param, pathWithQuery, requireSignedIn } from "@/app/_ui/session";
import { ServicesTable } from "@/components/services/services-table";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { SearchForm } from "@/components/ui/search-form";
import { listServices } from "@/lib/services/list-services";
import { listServicesSchema } from "@/lib/services/schemas";

export const metadata: Metadata = { title: "Services" };

const PAGE_SIZE = 20;

export default async function ServicesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = await searchParams;
  const query = { search: param(raw.search), page: param(raw.page) };
  const caller = await requireSignedIn(pathWithQuery("/services", query));
  const parsed = listServicesSchema.safeParse({ search: query.search, page: query.page, pageSize: PAGE_SIZE });
  const input = parsed.success ? parsed.data : { page: 1, pageSize: PAGE_SIZE };
  const result = await listServices(web().db, caller, input);
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
        {result.items.length > 0 ? (
          <>
            <ServicesTable items={result.items} />
            <Pagination {...result} basePath="/services" query={{ search: query.search }} noun="services" />
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
