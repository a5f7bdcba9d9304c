import type { TemplateCard } from "@/app/_ui/template-cards";
import { TemplateCards } from "../templates/template-cards";
import { Pagination } from "../ui/pagination";
import { SearchForm } from "../ui/search-form";

export function TemplatePicker({ cards, total, page, pageSize, pageCount, search }: { cards: TemplateCard[]; total: number; page: number; pageSize: number; pageCount: number; search: string }) {
  return (
    <div className="space-y-4">
      <SearchForm action="/environments/new" search={search} label="Search templates" placeholder="Search templates" />
      <TemplateCards cards={cards} hrefFor="request" search={search} />
      {pageCount > 1 && (
        <div className="rounded-lg border border-slate-200 bg-white">
          <Pagination page={page} pageCount={pageCount} total={total} pageSize={pageSize} basePath="/environments/new" query={{ search }} noun="templates" />
        </div>
      )}
    </div>
  );
}
