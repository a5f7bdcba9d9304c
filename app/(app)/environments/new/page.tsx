import type { Metadata } from "next";
import Link from "next/link";
import { web } from "@/app/_server/runtime";
import { param, pathWithQuery, requireSignedIn } from "@/app/_ui/session";
import { specKeyOrder } from "@/app/_ui/spec-key-order";
import { loadTemplateCards } from "@/app/_ui/template-cards";
import { RequestForm } from "@/components/request/request-form";
import { TemplatePicker } from "@/components/request/template-picker";
import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { listCloudAccountChoices } from "@/lib/cloud-accounts/manage-cloud-accounts";
import { NotFound } from "@/lib/errors";
import { teamIdsWith } from "@/lib/identity/permissions";
import { getTemplate } from "@/lib/templates/list-templates";

export const metadata: Metadata = { title: "Request environment" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function NewEnvironmentPage({ searchParams }: { searchParams: SearchParams }) {
  const raw = await searchParams;
  const query = { template: param(raw.template), search: param(raw.search), page: param(raw.page) };
  const caller = await requireSignedIn(pathWithQuery("/environments/new", query));
  const { db } = web();
  const steps = <StepIndicator step={query.template ? 2 : 1} />;

  if (!query.template) {
    const page = Math.max(1, Number(query.page) || 1);
    const cards = await loadTemplateCards(db, caller, { search: query.search, page });
    return (
      <>
        <PageHeader eyebrow={steps} title="Request an environment" description="Pick the template to start from. Templates are maintained by your platform team." />
        <TemplatePicker {...cards} search={query.search ?? ""} />
      </>
    );
  }

  const template = await getTemplate(db, caller, query.template, undefined, { requestable: true }).catch((error: unknown) => {
    if (error instanceof NotFound) return null;
    throw error;
  });
  if (!template) {
    return (
      <>
        <PageHeader eyebrow={steps} title="Request an environment" />
        <Alert title="Template not found" className="max-w-xl">
          There is no template called “{query.template}”, or it has no published version. <Link href="/environments/new" className="underline">Choose another template</Link>.
        </Alert>
      </>
    );
  }
  const writable = new Set(teamIdsWith(caller, "environment:write"));
  const teams = caller.memberships.filter((m) => writable.has(m.teamId)).map((m) => ({ slug: m.teamSlug, name: m.teamName }));
  const accounts = await listCloudAccountChoices(db, caller);

  return (
    <>
      <PageHeader
        eyebrow={steps}
        title={`Request ${template.name}`}
        description={template.description}
        actions={<ButtonLink href="/environments/new" variant="ghost">Change template</ButtonLink>}
      />
      {teams.length === 0 ? (
        <Alert title="You cannot request environments" className="max-w-xl">
          Your role in your teams is read-only. Ask a team admin to make you a developer.
        </Alert>
      ) : accounts.length === 0 ? (
        <Alert title="No cloud account is configured" className="max-w-xl">
          An administrator must add a cloud account before environments can be requested.
        </Alert>
      ) : (
        <RequestForm
          template={{ slug: template.slug, name: template.name, version: template.version.version, description: template.description, spec: template.version.spec, parameterOrder: specKeyOrder(template.version.source).parameters }}
          accounts={accounts}
          teams={teams}
        />
      )}
    </>
  );
}

function StepIndicator({ step }: { step: 1 | 2 }) {
  const item = (n: 1 | 2, label: string) => (
    <span className={n === step ? "font-medium text-slate-900" : "text-slate-500"} aria-current={n === step ? "step" : undefined}>
      <span className={`mr-1.5 inline-flex size-5 items-center justify-center rounded-full text-xs ${n === step ? "bg-slate-900 text-white" : "bg-slate-200 text-slate-600"}`}>{n}</span>
      {label}
    </span>
  );
  return (
    <span className="flex items-center gap-3">
      {item(1, "Template")}
      <span className="h-px w-6 bg-slate-300" aria-hidden />
      {item(2, "Configure")}
    </span>
  );
}
