import type { Metadata } from "next";
import { web } from "@/app/_server/runtime";
import { param, pathWithQuery, requireSignedIn } from "@/app/_ui/session";
import { loadTemplateCards } from "@/app/_ui/template-cards";
import { TemplateCards } from "@/components/templates/template-cards";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { SearchForm } from "@/components/ui/search-form";

export const metadata: Metadata = { title: "Templates" };

export default async function TemplatesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = await searchParams;
  const query = { search: param(raw.search), page: param(raw.page) };
  const caller = await requireSignedIn(pathWithQuery("/templates", query));
  const result = await loadTemplateCards(web().db, caller, { search: query.search, page: Math.max(1, Number(query.page) || 1) });
  return (
    <>
      <PageHeader title="Templates" description="Environment blueprints as code: parameters, instance groups, lease and outputs. Each published version is immutable." />
      <div className="space-y-4">
        <SearchForm action="/templates" search={query.search ?? ""} label="Search templates" placeholder="Search by name or slug" />
        <TemplateCards cards={result.cards} hrefFor="catalog" search={query.search ?? ""} />
        {result.pageCount > 1 && (
          <div className="rounded-lg border border-slate-200 bg-white">
            <Pagination {...result} basePath="/templates" query={{ search: query.search }} noun="templates" />
          </div>
        )}
      </div>
    </>
  );
}
