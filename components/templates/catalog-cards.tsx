import Link from "next/link";
import type { ReactNode } from "react";
import type { CatalogEntry } from "@/lib/templates/list-catalog";
import { ButtonLink } from "../ui/button";
import { RelativeTime } from "../ui/relative-time";
import { catalogHref, type CatalogFilterValues } from "./catalog-filters";
import { formatApproxSeconds, formatCostRange, formatHourlyUsd } from "./catalog-format";

/** One card per template: what it is, who maintains it, its cost, time to ready and use, and the way to request it. */
export function CatalogCards({ items, region, filters, canRequest }: { items: CatalogEntry[]; region: string; filters: CatalogFilterValues; canRequest: boolean }) {
  return (
    <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
      {items.map((item) => (
        <li key={item.id}>
          <CatalogCard item={item} region={region} filters={filters} canRequest={canRequest} />
        </li>
      ))}
    </ul>
  );
}

function CatalogCard({ item, region, filters, canRequest }: { item: CatalogEntry; region: string; filters: CatalogFilterValues; canRequest: boolean }) {
  const headingId = `catalog-${item.slug}`;
  const details = `/templates/${encodeURIComponent(item.slug)}`;
  return (
    <article aria-labelledby={headingId} className="flex h-full flex-col rounded-lg border border-slate-200 bg-white p-5 shadow-xs">
      <div className="flex items-start justify-between gap-3">
        <h2 id={headingId} className="font-semibold text-slate-900">
          <Link href={details} className="hover:text-indigo-700 hover:underline">
            {item.name}
          </Link>
        </h2>
        <span className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-600">v{item.version.number}</span>
      </div>
      <p className="mt-0.5 text-xs text-slate-500">
        {item.ownerTeam ? <>Maintained by {item.ownerTeam.name}</> : "Maintained by site admins"} · published <RelativeTime date={item.version.publishedAt} />
      </p>
      <p className="mt-2 flex-1 text-sm text-slate-600">{item.description || "No description."}</p>
      {item.tags.length > 0 && (
        <ul aria-label="Tags" className="mt-3 flex flex-wrap gap-1">
          {item.tags.map((tag) => (
            <li key={tag}>
              <Link href={catalogHref({ ...filters, tag })} className="rounded-full bg-indigo-50 px-2 py-0.5 text-xs font-medium text-indigo-700 hover:bg-indigo-100">
                {tag}
              </Link>
            </li>
          ))}
        </ul>
      )}
      <dl className="mt-4 grid grid-cols-3 gap-3 border-t border-slate-100 pt-3 text-xs">
        <Fact label="Cost" title={costTitle(item, region)}>
          {item.hourlyCost ? formatCostRange(item.hourlyCost) : <span className="text-slate-400">unknown</span>}
          {item.hourlyCost && !item.hourlyCost.complete && <span className="text-slate-500"> +</span>}
        </Fact>
        <Fact label="Time to ready" title={item.readyTime ? `Median of its last ${item.readyTime.runs} successful provisioning run(s), from request to ready` : undefined}>
          {item.readyTime ? `ready in ~${formatApproxSeconds(item.readyTime.medianSeconds)}` : <span className="text-slate-400">no runs yet</span>}
        </Fact>
        <Fact label="Live" title="Environments of your teams running on this template">
          {item.liveEnvironments} live
        </Fact>
      </dl>
      <div className="mt-4 flex gap-2">
        {canRequest && (
          <ButtonLink href={`/environments/new?template=${encodeURIComponent(item.slug)}`} variant="primary" size="sm">
            Request
          </ButtonLink>
        )}
        <ButtonLink href={details} size="sm">
          Details
        </ButtonLink>
      </div>
    </article>
  );
}

function Fact({ label, title, children }: { label: string; title?: string | undefined; children: ReactNode }) {
  return (
    <div title={title}>
      <dt className="text-slate-500">{label}</dt>
      <dd className="mt-0.5 font-medium text-slate-800">{children}</dd>
    </div>
  );
}

function costTitle(item: CatalogEntry, region: string): string {
  const cost = item.hourlyCost;
  if (!cost) return "Its instance types have no price in Hangar's price table";
  const parts = [`Per hour in ${region} at on-demand list prices, from the cheapest to the most expensive choices`];
  if (cost.defaultUsdPerHour !== null) parts.push(`${formatHourlyUsd(cost.defaultUsdPerHour)}/h with the defaults`);
  if (!cost.complete) parts.push("some instance types have no price and are left out");
  return parts.join("; ");
}
