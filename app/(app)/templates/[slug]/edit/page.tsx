import type { Metadata } from "next";
import { orNotFound } from "@/app/_ui/page-errors";
import Link from "next/link";
import { web } from "@/app/_server/runtime";
import { requireSignedIn } from "@/app/_ui/session";
import { PublishVersionForm } from "@/components/templates/publish-version-form";
import { Alert } from "@/components/ui/alert";
import { Forbidden } from "@/components/ui/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { canPublishTemplates } from "@/lib/identity/permissions";
import { getTemplate } from "@/lib/templates/list-templates";

export const metadata: Metadata = { title: "Edit template" };

/** The latest version's YAML in the editor; publishing makes the next version. */
export default async function EditTemplatePage({ params }: { params: Promise<{ slug: string }> }) {
  const slug = decodeURIComponent((await params).slug);
  const caller = await requireSignedIn(`/templates/${encodeURIComponent(slug)}/edit`);
  const forbidden = (
    <Forbidden title="Only the owning team's platform engineers and admins can edit this template">
      Ask the team that owns it to publish the change, or request an environment from it as it is.
    </Forbidden>
  );
  if (!canPublishTemplates(caller)) return forbidden;
  const template = await orNotFound(getTemplate(web().db, caller, slug));
  if (!template.canManage) return forbidden;
  const href = `/templates/${encodeURIComponent(template.slug)}`;
  return (
    <>
      <PageHeader
        eyebrow={<Link href={href} className="hover:text-slate-900 hover:underline">{template.name}</Link>}
        title={`Edit ${template.name}`}
        description={
          <>
            Starting from version {template.version.version}, the latest. Problems are marked at their line as you type.
            {template.version.version > 1 && (
              <>
                {" "}
                <Link href={`${href}/diff`} className="underline">
                  What changed last
                </Link>
              </>
            )}
          </>
        }
      />
      {template.archivedAt ? (
        <Alert title="This template is archived" className="max-w-xl">
          Archived templates take no new versions. Restore it on <Link href={href} className="underline">its page</Link> first.
        </Alert>
      ) : (
        <PublishVersionForm slug={template.slug} start={{ version: template.version.version, source: template.version.source }} />
      )}
    </>
  );
}
