import type { Metadata } from "next";
import { web } from "@/app/_server/runtime";
import { firstPageIfStale, StalePageNotice } from "@/app/_ui/stale-cursor";
import { param, pathWithQuery, requireSignedIn } from "@/app/_ui/session";
import { AdminTabs } from "@/components/admin/admin-tabs";
import { InviteButton } from "@/components/admin/invite-button";
import { UserActions } from "@/components/admin/user-actions";
import { toJson } from "@/components/jsonify";
import { EmptyState } from "@/components/ui/empty-state";
import { Forbidden } from "@/components/ui/forbidden";
import { KeysetPagination } from "@/components/ui/keyset-pagination";
import { PageHeader } from "@/components/ui/page-header";
import { RelativeTime } from "@/components/ui/relative-time";
import { SearchForm } from "@/components/ui/search-form";
import { listTeams } from "@/lib/identity/set-user-roles";
import { listUsers } from "@/lib/identity/users";

export const metadata: Metadata = { title: "Users" };
export const dynamic = "force-dynamic";

/** Read on the server once per request; the relative time beside it stays current in the browser. */
function isPast(date: Date): boolean {
  return date.getTime() < Date.now();
}

function UserState({ disabledAt, invitation }: { disabledAt: Date | null; invitation: { expiresAt: Date } | null }) {
  if (disabledAt) return <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs font-medium text-slate-600">disabled</span>;
  if (invitation) {
    const expired = isPast(invitation.expiresAt);
    return (
      <span className="text-xs text-amber-800">
        <span className="rounded bg-amber-50 px-1.5 py-0.5 font-medium">invited</span> {expired ? "link expired " : "link expires "}
        <RelativeTime date={invitation.expiresAt} />
      </span>
    );
  }
  return <span className="rounded bg-emerald-50 px-1.5 py-0.5 text-xs font-medium text-emerald-700">active</span>;
}

export default async function UsersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = await searchParams;
  const query = { search: param(raw.search), cursor: param(raw.cursor) };
  const caller = await requireSignedIn(pathWithQuery("/admin/users", query));
  if (!caller.isAdmin) {
    return <Forbidden title="Only site administrators manage users">Ask an administrator to invite someone or change a team role.</Forbidden>;
  }
  const { db } = web();
  const search = query.search?.slice(0, 100);
  const [{ page, restarted }, teams] = await Promise.all([firstPageIfStale(query.cursor, (cursor) => listUsers(db, caller, { cursor, limit: 25, search })), listTeams(db, caller)]);
  const teamOptions = teams.map((team) => ({ id: team.id, slug: team.slug, name: team.name }));
  return (
    <>
      <PageHeader title="Administration" description="People, their team roles, and what happened when." actions={<InviteButton teams={teamOptions} />} />
      <AdminTabs current="/admin/users" />
      <div className="space-y-4">
        <SearchForm action="/admin/users" search={search ?? ""} label="Search users" placeholder="Search by email or name" />
        <div className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-xs">
          {restarted && <StalePageNotice />}
          {page.items.length === 0 ? (
            <EmptyState title={search ? "No users match" : "No users yet"}>{search ? "Try part of an email or a name, or invite them." : "Invite someone with the button above."}</EmptyState>
          ) : (
            <div className="overflow-x-auto">
              <table className="table-base">
                <thead>
                  <tr>
                    <th>User</th>
                    <th>Teams</th>
                    <th>State</th>
                    <th>Joined</th>
                    <th>
                      <span className="sr-only">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((user) => (
                    <tr key={user.id}>
                      <td>
                        <div className="font-medium text-slate-900">
                          {user.name}
                          {user.isAdmin && <span className="ml-1.5 rounded bg-indigo-50 px-1.5 py-0.5 text-[10px] font-semibold text-indigo-700 uppercase">Admin</span>}
                        </div>
                        <div className="text-xs text-slate-500">{user.email}</div>
                      </td>
                      <td className="text-xs">{user.teams.length > 0 ? user.teams.map((team) => `${team.slug} (${team.role})`).join(", ") : <span className="text-slate-400">no team</span>}</td>
                      <td>
                        <UserState disabledAt={user.disabledAt} invitation={user.invitation} />
                      </td>
                      <td>
                        <RelativeTime date={user.createdAt} />
                      </td>
                      <td>
                        <UserActions user={toJson(user)} teams={teamOptions} isSelf={user.id === caller.userId} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <KeysetPagination {...page} basePath="/admin/users" query={{ search }} noun="users" inCard />
        </div>
      </div>
    </>
  );
}
