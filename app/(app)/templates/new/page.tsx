import type { Metadata } from "next";
import Link from "next/link";
import { web } from "@/app/_server/runtime";
import { requireSignedIn } from "@/app/_ui/session";
import { NewTemplateForm } from "@/components/templates/new-template-form";
import { STARTER_TEMPLATE } from "@/components/templates/starter-template";
import { Forbidden } from "@/components/ui/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { canPublishTemplates } from "@/lib/identity/permissions";
import { templateTeams } from "@/lib/templates/template-access";
import { listShareTeams } from "@/lib/templates/list-share-teams";

export const metadata: Metadata = { title: "New template" };

/** Platform engineers and admins write a template in the browser and publish its first version. */
export default async function NewTemplatePage() {
  const caller = await requireSignedIn("/templates/new");
  if (!canPublishTemplates(caller)) {
    return (
      <Forbidden title="Only platform engineers and admins can create templates">
        Templates are maintained by platform teams. Ask one if you need a new kind of environment, or request one from the existing templates.
      </Forbidden>
    );
  }
  // The teams in which this caller may publish own what they create (the API's rule, createTemplate).
  const owners = new Set(templateTeams(caller));
  const ownerTeams = caller.memberships.filter((m) => owners.has(m.teamId)).map((m) => ({ slug: m.teamSlug, name: m.teamName }));
  const teams = await listShareTeams(web().db, caller);
  return (
    <>
      <PageHeader
        eyebrow={<Link href="/catalog" className="hover:text-slate-900 hover:underline">Catalog</Link>}
        title="New template"
        description="Write the template in YAML: what people fill in, what is launched and what they get back. The starter below explains each part; problems are marked at their line as you type."
      />
      <NewTemplateForm ownerTeams={ownerTeams} teams={teams} starter={STARTER_TEMPLATE} />
    </>
  );
}
