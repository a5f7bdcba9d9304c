import type { Metadata } from "next";
import { web } from "@/app/_server/runtime";
import { param, pathWithQuery, requireSignedIn } from "@/app/_ui/session";
import { CatalogCards } from "@/components/templates/catalog-cards";
import { CatalogFilters } from "@/components/templates/catalog-filters";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { KeysetPagination } from "@/components/ui/keyset-pagination";
import { PageHeader } from "@/components/ui/page-header";
import { Invalid } from "@/lib/errors";
import { canPublishTemplates, teamIdsWith } from "@/lib/identity/permissions";
import { catalogQuerySchema, listCatalog } from "@/lib/templates/list-catalog";

export const metadata: Metadata = { title: "Catalog" };

const PAGE_SIZE = 12;

export default async function CatalogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = await searchParams;
  const filters = { q: param(raw.q), tag: param(raw.tag), team: param(raw.team) };
  const cursor = param(raw.cursor);
  const caller = await requireSignedIn(pathWithQuery("/catalog", { ...filters, cursor }));
  // A mangled URL (a cut cursor, a long search) shows the first page rather than an error.
  const parsed = catalogQuerySchema.safeParse({ ...filters, cursor, limit: PAGE_SIZE });
  const query = parsed.success ? parsed.data : catalogQuerySchema.parse({ limit: PAGE_SIZE });
  const result = await listCatalog(web().db, caller, query).catch((error: unknown) => {
    if (error instanceof Invalid) return listCatalog(web().db, caller, { ...query, cursor: undefined });
    throw error;
  });
  const canRequest = teamIdsWith(caller, "environment:write").length > 0;
  const canPublish = canPublishTemplates(caller);
  const filtered = Boolean(filters.q || filters.tag || filters.team);

  return (
    <>
      <PageHeader
        title="Catalog"
        description="Every template you can request: what it costs per hour, how long it takes to be ready, and how many of your teams' environments run it."
        actions={canPublish && <ButtonLink href="/templates/new">New template</ButtonLink>}
      />
      {result.available === 0 ? (
        <div className="rounded-lg border border-slate-200 bg-white">
          <EmptyState title="No templates to request yet">
            {canPublish ? (
              <>
                Write one with New template, or send its YAML to <code className="font-mono">POST /api/v1/templates</code>, or put <code className="font-mono">&lt;slug&gt;.yaml</code> files in
                the folder named by <code className="font-mono">HANGAR_TEMPLATES_DIR</code> and sync it. The format and the rules are in{" "}
                <code className="font-mono">docs/templates.md</code>.
              </>
            ) : (
              <>
                Templates are published by platform engineers (the platform role in a team) and site admins. Ask yours to publish one, or to share theirs with your team (
                <code className="font-mono">docs/templates.md</code> explains how).
              </>
            )}
          </EmptyState>
        </div>
      ) : (
        <div className="space-y-4">
          <CatalogFilters filters={filters} tags={result.facets.tags} teams={result.facets.teams} />
          {result.items.length > 0 ? (
            <CatalogCards items={result.items} region={result.region} filters={filters} canRequest={canRequest} />
          ) : (
            <div className="rounded-lg border border-slate-200 bg-white">
              <EmptyState title={filtered ? "No templates match" : "Nothing on this page"} action={<ButtonLink href="/catalog">{filtered ? "Clear filters" : "Back to the start"}</ButtonLink>}>
                {filtered ? (
                  <>
                    {result.available === 1 ? "The one template you can request does not match" : `None of the ${result.available} templates you can request matches`}{" "}
                    {filters.q ? <>“{filters.q}”</> : "these filters"}
                    {filters.tag && <> tagged {filters.tag}</>}
                    {filters.team && <> from {result.facets.teams.find((t) => t.slug === filters.team)?.name ?? filters.team}</>}. Try fewer words, another tag or any team.
                  </>
                ) : (
                  "The templates around this page changed since it was linked."
                )}
              </EmptyState>
            </div>
          )}
          <KeysetPagination total={result.total} prevCursor={result.prevCursor} nextCursor={result.nextCursor} basePath="/catalog" query={filters} noun={result.total === 1 ? "template" : "templates"} />
        </div>
      )}
    </>
  );
}
