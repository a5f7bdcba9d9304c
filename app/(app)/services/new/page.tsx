import type { Metadata } from "next";
import { web } from "@/app/_server/runtime";
import { requireSignedIn } from "@/app/_ui/session";
import { ServiceForm } from "@/components/services/service-form";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Forbidden } from "@/components/ui/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { teamIdsWith } from "@/lib/identity/permissions";
import { listTemplateGroups } from "@/lib/services/list-template-groups";

export const metadata: Metadata = { title: "New service" };

export default async function NewServicePage() {
  const caller = await requireSignedIn("/services/new");
  const writable = new Set(teamIdsWith(caller, "environment:write"));
  const teams = caller.memberships.filter((m) => writable.has(m.teamId)).map((m) => ({ id: m.teamId, slug: m.teamSlug, name: m.teamName }));
  if (teams.length === 0) {
    return <Forbidden title="You cannot create services">Only developers and admins of a team create its services. Ask a team admin to change your role.</Forbidden>;
  }
  const templates = await listTemplateGroups(web().db, caller);
  return (
    <>
      <PageHeader title="New service" description="Where the service runs, how its health is judged and how its releases roll out by default." />
      <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-xs">
        {templates.length > 0 ? (
          <ServiceForm teams={teams} templates={templates} />
        ) : (
          <EmptyState title="No template to run a service on" action={<ButtonLink href="/catalog">Open the catalog</ButtonLink>}>
            A service runs on an instance group of a template your team may use. Publish or share a template first.
          </EmptyState>
        )}
      </div>
    </>
  );
}
