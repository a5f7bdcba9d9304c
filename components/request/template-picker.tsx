import type { TemplateCardsPage } from "@/lib/templates/template-cards";
import { TemplateCards } from "../templates/template-cards";
import { KeysetPagination } from "../ui/keyset-pagination";
import { SearchForm } from "../ui/search-form";

export function TemplatePicker({ cards, search, ...page }: TemplateCardsPage & { search: string }) {
  return (
    <div className="space-y-4">
      <SearchForm action="/environments/new" search={search} label="Search templates" placeholder="Search templates" />
      <TemplateCards cards={cards} hrefFor="request" search={search} />
      <KeysetPagination {...page} basePath="/environments/new" query={{ search }} noun="templates" />
    </div>
  );
}
