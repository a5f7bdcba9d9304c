import type { Metadata } from "next";
import Link from "next/link";
import { web } from "@/app/_server/runtime";
import { param, pathWithQuery, requireSignedIn } from "@/app/_ui/session";
import { firstPageIfStale } from "@/app/_ui/stale-cursor";
import { loadTemplateCards } from "@/lib/templates/template-cards";
import { toJson } from "@/components/jsonify";
import { RequestForm } from "@/components/request/request-form";
import { TemplatePicker } from "@/components/request/template-picker";
import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { listCloudAccountChoices } from "@/lib/cloud-accounts/manage-cloud-accounts";
import { teamIdsWith } from "@/lib/identity/permissions";
import { loadRequestForm } from "./load-request-form";

export const metadata: Metadata = { title: "Request environment" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function NewEnvironmentPage({ searchParams }: { searchParams: SearchParams }) {
  const raw = await searchParams;
  // again: an environment to request again (its version and parameters); version, preset: links from elsewhere.
  const query = { template: param(raw.template), search: param(raw.search), cursor: param(raw.cursor), again: param(raw.again), version: param(raw.version), preset: param(raw.preset) };
  const caller = await requireSignedIn(pathWithQuery("/environments/new", query));
  const { db } = web();
  const steps = <StepIndicator step={query.template || query.again ? 2 : 1} />;

  if (!query.template && !query.again) {
    const { page: cards } = await firstPageIfStale(query.cursor, (cursor) => loadTemplateCards(db, caller, { search: query.search, cursor }));
    return (
      <>
        <PageHeader eyebrow={steps} title="Request an environment" description="Pick the template to start from. Templates are maintained by your platform team." />
        <TemplatePicker {...cards} search={query.search ?? ""} />
      </>
    );
  }

  const loaded = await loadRequestForm(db, caller, query);
  if (loaded.kind !== "form") {
    return (
      <>
        <PageHeader eyebrow={steps} title="Request an environment" />
        {loaded.kind === "not-found" && (
          <Alert title={loaded.title} className="max-w-xl">
            {loaded.message} <Link href="/environments/new" className="underline">Choose a template</Link>.
          </Alert>
        )}
        {loaded.kind === "forbidden" && (
          <Alert title="You cannot request this environment again" className="max-w-xl">
            {loaded.message}
          </Alert>
        )}
        {loaded.kind === "not-requestable" && (
          <Alert tone="warning" title="This version takes no new requests" className="max-w-xl">
            <p>{loaded.message}.</p>
            <p className="mt-3 flex gap-2">
              {loaded.offer && <ButtonLink href={loaded.offer.href} variant="primary">{loaded.offer.label}</ButtonLink>}
              <ButtonLink href="/environments/new">Choose another template</ButtonLink>
            </p>
          </Alert>
        )}
      </>
    );
  }
  const { template, defaults } = loaded;
  const writable = new Set(teamIdsWith(caller, "environment:write"));
  const teams = caller.memberships.filter((m) => writable.has(m.teamId)).map((m) => ({ slug: m.teamSlug, name: m.teamName }));
  const accounts = await listCloudAccountChoices(db, caller);

  return (
    <>
      <PageHeader
        eyebrow={steps}
        title={`Request ${template.name}`}
        description={
          <>
            {template.description}
            {template.latestVersion && template.latestVersion.version !== template.version.version && (
              <span className="mt-1 block text-xs text-slate-500">
                Version {template.version.version} (the newest is {template.latestVersion.version}).
              </span>
            )}
          </>
        }
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
          template={{ slug: template.slug, name: template.name, version: template.version.version, description: template.description, spec: template.version.spec, parameterOrder: loaded.parameterOrder, presets: loaded.presets }}
          accounts={accounts}
          teams={teams}
          prefill={toJson(defaults)}
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
