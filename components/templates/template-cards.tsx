import Link from "next/link";
import type { TemplateCard } from "@/lib/templates/template-cards";
import { formatDuration } from "@/lib/templates/durations";
import { EmptyState } from "../ui/empty-state";

const EXPRESSION = /\$\{\{/;

function groupLabel(group: TemplateCard["instanceGroups"][number]): string {
  const type = EXPRESSION.test(group.instanceType) ? "size chosen at request" : group.instanceType;
  const count = typeof group.count === "number" ? `${group.count} × ` : "n × ";
  return `${group.name}: ${count}${type}`;
}

/** Template cards for the catalog and for step 1 of a request (hrefs differ). */
export function TemplateCards({ cards, hrefFor, search }: { cards: TemplateCard[]; hrefFor: "request" | "catalog"; search: string }) {
  if (cards.length === 0) {
    return (
      <div className="rounded-lg border border-slate-200 bg-white">
        <EmptyState title={search ? "No templates match" : "No templates published yet"}>
          {search ? <>Nothing matches “{search}”. Try another name.</> : "A platform engineer publishes templates (YAML in the repository); they appear here."}
        </EmptyState>
      </div>
    );
  }
  return (
    <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
      {cards.map((card) => (
        <li key={card.slug}>
          <Link
            href={hrefFor === "request" ? `/environments/new?template=${encodeURIComponent(card.slug)}` : `/templates/${encodeURIComponent(card.slug)}`}
            className="group flex h-full flex-col rounded-lg border border-slate-200 bg-white p-5 shadow-xs transition hover:border-indigo-300 hover:shadow-md focus-visible:border-indigo-400"
          >
            <div className="flex items-start justify-between gap-3">
              <h2 className="font-semibold text-slate-900 group-hover:text-indigo-700">{card.name}</h2>
              {card.version !== null && <span className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-600">v{card.version}</span>}
            </div>
            <p className="mt-1.5 flex-1 text-sm text-slate-600">{card.description || "No description."}</p>
            <ul className="mt-4 space-y-1 text-xs text-slate-500">
              {card.instanceGroups.map((group) => (
                <li key={group.name} className="font-mono">
                  {groupLabel(group)}
                </li>
              ))}
            </ul>
            <dl className="mt-4 flex gap-4 border-t border-slate-100 pt-3 text-xs">
              <div>
                <dt className="text-slate-500">Lease</dt>
                <dd className="font-medium text-slate-800">
                  {card.leaseDefault !== null ? formatDuration(card.leaseDefault) : "—"}
                  <span className="font-normal text-slate-500"> default</span>
                </dd>
              </div>
              <div>
                <dt className="text-slate-500">Max</dt>
                <dd className="font-medium text-slate-800">{card.leaseMax !== null ? formatDuration(card.leaseMax) : "—"}</dd>
              </div>
              <div>
                <dt className="text-slate-500">Parameters</dt>
                <dd className="font-medium text-slate-800">{card.parameterCount}</dd>
              </div>
            </dl>
          </Link>
        </li>
      ))}
    </ul>
  );
}
