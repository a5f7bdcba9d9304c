import type { Metadata } from "next";
import { web } from "@/app/_server/runtime";
import { param, pathWithQuery, requireSignedIn } from "@/app/_ui/session";
import { AccountCard } from "@/components/cloud-accounts/account-card";
import { AddAccountButton } from "@/components/cloud-accounts/add-account-button";
import { toJson } from "@/components/jsonify";
import { EmptyState } from "@/components/ui/empty-state";
import { Forbidden } from "@/components/ui/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { SearchForm } from "@/components/ui/search-form";
import { listCloudAccounts } from "@/lib/cloud-accounts/manage-cloud-accounts";
import { listShareTeams } from "@/lib/templates/list-share-teams";

export const metadata: Metadata = { title: "Cloud accounts" };

const PAGE_SIZE = 20;

export default async function CloudAccountsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = await searchParams;
  const query = { search: param(raw.search), page: param(raw.page) };
  const caller = await requireSignedIn(pathWithQuery("/cloud-accounts", query));
  if (!caller.isAdmin) {
    return (
      <Forbidden title="Only administrators can manage cloud accounts">
        Cloud accounts hold the credentials Hangar uses to create resources. Ask an administrator if an account or region is missing.
      </Forbidden>
    );
  }
  // Accounts are few (one per cloud account/endpoint), so they are filtered and paged here.
  const [all, teams] = await Promise.all([listCloudAccounts(web().db, caller), listShareTeams(web().db, caller)]);
  const envPrefix = web().config.HANGAR_CREDENTIAL_ENV_PREFIX;
  const needle = query.search?.toLowerCase();
  const matching = needle ? all.filter((a) => [a.name, a.provider, a.endpoint ?? "", a.ownerTeam?.slug ?? "", ...a.regions].some((text) => text.toLowerCase().includes(needle))) : all;
  const pageCount = Math.max(1, Math.ceil(matching.length / PAGE_SIZE));
  const page = Math.min(Math.max(1, Number(query.page) || 1), pageCount);
  const items = matching.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);

  return (
    <>
      <PageHeader
        title="Cloud accounts"
        description="Where environments are created. Secrets are stored encrypted and never shown again; test a connection after every change."
        actions={<AddAccountButton teams={teams} envPrefix={envPrefix} />}
      />
      <div className="space-y-4">
        {all.length > 0 && <SearchForm action="/cloud-accounts" search={query.search ?? ""} label="Search cloud accounts" placeholder="Search by name, provider, region or endpoint" />}
        {items.length === 0 ? (
          <div className="rounded-lg border border-slate-200 bg-white">
            <EmptyState title={all.length === 0 ? "No cloud accounts yet" : "No accounts match"}>
              {all.length === 0 ? "Add an AWS account (or the sandbox) so that people can request environments." : "Try another search."}
            </EmptyState>
          </div>
        ) : (
          <ul className="space-y-4">
            {items.map((account) => (
              <li key={account.id}>
                <AccountCard account={toJson(account)} teams={teams} envPrefix={envPrefix} />
              </li>
            ))}
          </ul>
        )}
        {pageCount > 1 && (
          <div className="rounded-lg border border-slate-200 bg-white">
            <Pagination page={page} pageCount={pageCount} total={matching.length} pageSize={PAGE_SIZE} basePath="/cloud-accounts" query={{ search: query.search }} noun="accounts" />
          </div>
        )}
      </div>
    </>
  );
}
