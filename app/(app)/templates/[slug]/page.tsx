import type { Metadata } from "next";
import { orNotFound } from "@/app/_ui/page-errors";
import { cache } from "react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { web } from "@/app/_server/runtime";
import { param, requireSignedIn } from "@/app/_ui/session";
import { specKeyOrder } from "@/app/_ui/spec-key-order";
import { InstanceGroupsTable } from "@/components/templates/instance-groups-table";
import { ParametersTable } from "@/components/templates/parameters-table";
import { ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { RelativeTime } from "@/components/ui/relative-time";
import { Section } from "@/components/ui/section";
import { formatDuration } from "@/lib/templates/durations";
import { getTemplate, listTemplateVersions } from "@/lib/templates/list-templates";
import { ArchiveTemplateButton } from "@/components/templates/template-actions";
import { VersionsTable } from "@/components/templates/versions-table";
import { UpgradesPanel } from "@/components/templates/upgrades-panel";
import { toJson } from "@/components/jsonify";
import { listUpgradeBatches } from "@/lib/environments/upgrade-batches";

type Params = Promise<{ slug: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** A version as written in a URL: digits only (Number() would also read "1.0", "0x1" or "1e0" as 1), within Postgres' integer. */
function versionNumber(text: string): number | null {
  const version = /^[1-9][0-9]{0,9}$/.test(text) ? Number(text) : Infinity;
  return version <= 2_147_483_647 ? version : null;
}

// One load per request: generateMetadata and the page share it. A version that does not exist
// (or is not a number) is a 404, not the latest version shown under its number.
const load = cache(async function load(slug: string, versionParam: string | undefined) {
  const caller = await requireSignedIn(`/templates/${slug}${versionParam ? `?version=${encodeURIComponent(versionParam)}` : ""}`);
  const version = versionParam === undefined ? undefined : versionNumber(versionParam);
  if (version === null) notFound();
  return { caller, template: await orNotFound(getTemplate(web().db, caller, decodeURIComponent(slug), version)) };
});

export async function generateMetadata({ params, searchParams }: { params: Params; searchParams: SearchParams }): Promise<Metadata> {
  return { title: (await load((await params).slug, param((await searchParams).version))).template.name };
}

export default async function TemplatePage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const { caller, template } = await load((await params).slug, param((await searchParams).version));
  const { spec, source, version } = template.version;
  const [versions, batches] = await Promise.all([listTemplateVersions(web().db, caller, template.id), listUpgradeBatches(web().db, caller, template.id)]);
  const latest = versions[0]?.version ?? version;
  const requestable = !template.archivedAt && !template.version.deprecatedAt;
  const order = specKeyOrder(source);
  const outputs = Object.entries(spec.outputs).sort(([a], [b]) => order.outputs.indexOf(a) - order.outputs.indexOf(b));
  return (
    <>
      <PageHeader
        eyebrow={<Link href="/catalog" className="hover:text-slate-900 hover:underline">Catalog</Link>}
        title={
          <span className="flex flex-wrap items-center gap-3">
            {template.name}
            <span className="rounded bg-slate-100 px-2 py-0.5 font-mono text-sm font-normal text-slate-600">v{version}</span>
            {version !== latest && <span className="rounded bg-slate-100 px-2 py-0.5 text-sm font-normal text-slate-600">not the latest (v{latest})</span>}
            {template.version.deprecatedAt && <span className="rounded bg-amber-50 px-2 py-0.5 text-sm font-normal text-amber-800">deprecated</span>}
            {template.archivedAt && <span className="rounded bg-slate-200 px-2 py-0.5 text-sm font-normal text-slate-700">archived</span>}
          </span>
        }
        description={
          <>
            {template.description || "No description."}{" "}
            <span className="text-slate-500">
              Slug <code className="font-mono">{template.slug}</code> · owned by {template.ownerTeam?.name ?? "the system (admins)"} · used by{" "}
              {template.sharedWithAll ? "every team" : template.sharedWith.map((t) => t.name).join(", ") || "its owning team only"} · version {version} published{" "}
              <RelativeTime date={template.version.createdAt} />
            </span>
          </>
        }
        actions={
          <>
            {template.canManage && !template.archivedAt && (
              <ButtonLink href={`/templates/${encodeURIComponent(template.slug)}/edit`} size="sm">
                Edit
              </ButtonLink>
            )}
            {template.canManage && <ArchiveTemplateButton slug={template.slug} archived={template.archivedAt !== null} />}
            {requestable ? (
              <ButtonLink href={`/environments/new?template=${encodeURIComponent(template.slug)}`} variant="primary">
                Request from this template
              </ButtonLink>
            ) : (
              <span className="text-sm text-slate-500">{template.archivedAt ? "Archived: takes no new requests" : "This version takes no new requests"}</span>
            )}
          </>
        }
      />
      <div className="space-y-6">
        <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
          <Section title="Parameters" id="parameters" className="lg:col-span-2">
            <ParametersTable schema={spec.parameters} order={order.parameters} />
          </Section>
          <Section title="Lease" id="lease" bodyClassName="px-4 py-4">
            <dl className="grid grid-cols-2 gap-4 text-sm">
              <div>
                <dt className="text-xs text-slate-500">Default</dt>
                <dd className="mt-0.5 text-lg font-semibold">{formatDuration(spec.lease.default)}</dd>
              </div>
              <div>
                <dt className="text-xs text-slate-500">Maximum</dt>
                <dd className="mt-0.5 text-lg font-semibold">{formatDuration(spec.lease.max)}</dd>
              </div>
            </dl>
            <p className="mt-3 text-xs text-slate-500">Environments are destroyed when their lease ends.</p>
          </Section>
        </div>
        <Section title="Instance groups" id="groups">
          <InstanceGroupsTable groups={spec.instanceGroups} />
        </Section>
        <Section title="Outputs" id="outputs">
          {outputs.length === 0 ? (
            <p className="px-4 py-6 text-sm text-slate-500">This template defines no outputs.</p>
          ) : (
            <dl className="divide-y divide-slate-100">
              {outputs.map(([key, expression]) => (
                <div key={key} className="grid gap-1 px-4 py-3 sm:grid-cols-[12rem_1fr]">
                  <dt className="font-mono text-sm text-slate-900">{key}</dt>
                  <dd className="font-mono text-xs break-all text-slate-600">{expression}</dd>
                </div>
              ))}
            </dl>
          )}
        </Section>
        <Section title={`Versions (${versions.length})`} id="versions">
          <VersionsTable slug={template.slug} versions={versions} current={version} canManage={template.canManage} />
        </Section>
        <Section title="Upgrades" id="upgrades">
          <UpgradesPanel
            slug={template.slug}
            policy={template.upgradePolicy}
            canManage={template.canManage}
            versions={versions.map((v) => ({ version: v.version, deprecated: v.deprecatedAt !== null, environments: v.environments }))}
            batches={toJson(batches)}
          />
        </Section>
        <Section title={`Source (version ${version})`} id="source">
          <pre className="max-h-[32rem] overflow-auto bg-slate-950 p-4 font-mono text-xs leading-5 text-slate-200">
            <code>{source}</code>
          </pre>
        </Section>
      </div>
    </>
  );
}
