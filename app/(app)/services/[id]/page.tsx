import type { Metadata } from "next";
import { orNotFound } from "@/app/_ui/page-errors";
import Link from "next/link";
import { cache } from "react";
import { web } from "@/app/_server/runtime";
import { param, requireSignedIn } from "@/app/_ui/session";
import { PipelineSection } from "@/components/pipelines/pipeline-section";
import { ReleaseForm } from "@/components/services/release-form";
import { ReleasesTable } from "@/components/services/releases-table";
import { ServiceDetails } from "@/components/services/service-details";
import { WebhookSecret } from "@/components/services/webhook-secret";
import { DeployForm } from "@/components/deployments/deploy-form";
import { DoraCharts } from "@/components/deployments/dora-charts";
import { RecentDeployments } from "@/components/deployments/recent-deployments";
import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { KeysetPagination } from "@/components/ui/keyset-pagination";
import { PageHeader } from "@/components/ui/page-header";
import { SearchForm } from "@/components/ui/search-form";
import { Section } from "@/components/ui/section";
import { DEFAULT_DORA_WINDOW, DORA_WINDOWS, doraMetricsQuerySchema, type DoraWindow } from "@/lib/deployments/dora-bands";
import { getDoraMetrics } from "@/lib/deployments/dora-metrics";
import { deployTargets } from "@/lib/deployments/deploy-targets";
import { listDeployments } from "@/lib/deployments/list-deployments";
import { Invalid } from "@/lib/errors";
import type { Caller } from "@/lib/identity/caller";
import { getPipeline, stageEnvironmentChoices } from "@/lib/pipelines/get-pipeline";
import { listReleases } from "@/lib/releases/list-releases";
import { listReleasesSchema } from "@/lib/releases/schemas";
import { getService } from "@/lib/services/get-service";
import { toJson } from "@/components/jsonify";

type Params = Promise<{ id: string }>;
type Query = { search?: string; cursor?: string; window?: string };

const LIMIT = 20;

// One load per request: generateMetadata and the page share it.
const load = cache(async function load(id: string) {
  const caller = await requireSignedIn(`/services/${id}`);
  return { caller, service: await orNotFound(getService(web().db, caller, id)) };
});

/** The page of releases; a cursor that is not one of this list starts again from the newest. */
async function releasesPage(caller: Caller, serviceId: string, query: Query) {
  const parsed = listReleasesSchema.safeParse({ search: query.search, cursor: query.cursor, limit: LIMIT });
  const input = parsed.success ? parsed.data : { limit: LIMIT };
  try {
    return { page: await listReleases(web().db, caller, { ...input, service: serviceId }), restarted: !parsed.success };
  } catch (error) {
    if (!(error instanceof Invalid) || !input.cursor) throw error;
    return { page: await listReleases(web().db, caller, { ...input, cursor: undefined, service: serviceId }), restarted: true };
  }
}

/** Links to each metrics window that keep the releases' search and page. */
function windowHrefs(basePath: string, query: Query): Record<DoraWindow, string> {
  const href = (window: DoraWindow) => {
    const params = new URLSearchParams();
    if (query.search) params.set("search", query.search);
    if (query.cursor) params.set("cursor", query.cursor);
    if (window !== DEFAULT_DORA_WINDOW) params.set("window", window);
    const search = params.toString();
    return `${basePath}${search ? `?${search}` : ""}#delivery-metrics-heading`;
  };
  return Object.fromEntries(DORA_WINDOWS.map((window) => [window, href(window)])) as Record<DoraWindow, string>;
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { id } = await params;
  const { service } = await load(id);
  return { title: service.name };
}

export default async function ServicePage({ params, searchParams }: { params: Params; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { id } = await params;
  const raw = await searchParams;
  const query: Query = { search: param(raw.search), cursor: param(raw.cursor), window: param(raw.window) };
  const { caller, service } = await load(id);
  // An unknown window in a link shows the default one rather than an error page.
  const metricsWindow = doraMetricsQuerySchema.safeParse({ window: query.window }).data?.window ?? DEFAULT_DORA_WINDOW;
  const [{ page, restarted }, metrics] = await Promise.all([
    releasesPage(caller, service.id, query),
    getDoraMetrics(web().db, caller, { service: service.id, window: metricsWindow }),
  ]);
  const basePath = `/services/${service.id}`;
  const [pipeline, stageChoices] = await Promise.all([getPipeline(web().db, caller, service.id), stageEnvironmentChoices(web().db, caller, service.id)]);
  const [targets, recent] = await Promise.all([
    service.canWrite ? deployTargets(web().db, caller, service.id) : null,
    listDeployments(web().db, caller, { service: service.id, limit: 5 }),
  ]);

  return (
    <>
      <PageHeader eyebrow={<Link href="/services" className="hover:text-slate-900 hover:underline">Services</Link>} title={service.name} description={service.description || undefined} />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Section title="Pipeline" id="pipeline">
            <PipelineSection pipeline={toJson(pipeline)} choices={stageChoices} />
          </Section>
          <RecentDeployments
            items={recent.items}
            hide={["service"]}
            allHref={`/deployments?service=${encodeURIComponent(service.name)}`}
            allLabel="All deployments of this service"
            empty={service.canWrite ? "Nothing deployed yet: choose a release and an environment in the Deploy form." : "Nothing deployed yet; a developer of the team deploys releases."}
          />
          <Section title="Releases" id="releases">
            <div className="border-b border-slate-200 px-4 py-3">
              <SearchForm action={basePath} search={query.search ?? ""} label="Search releases" placeholder="Search by version or commit SHA" />
            </div>
            {restarted && (
              <div className="px-4 pt-3">
                <Alert tone="info">That link’s page no longer exists; showing the newest releases.</Alert>
              </div>
            )}
            {page.items.length > 0 ? (
              <ReleasesTable items={page.items} />
            ) : query.search ? (
              <EmptyState title="No releases match" action={<ButtonLink href={basePath}>Clear search</ButtonLink>}>
                No version or commit matches “{query.search}”.
              </EmptyState>
            ) : (
              <EmptyState title="No releases yet">
                {service.canWrite ? "Create the first one with the form: a version, the image or archive to run, and its config." : "A developer of the team creates them."}
              </EmptyState>
            )}
          </Section>
          <KeysetPagination {...page} basePath={basePath} query={{ search: query.search, window: query.window }} noun="releases" />
          <Section title="Delivery metrics" id="delivery-metrics">
            <DoraCharts metrics={metrics} windowHrefs={windowHrefs(basePath, query)} />
          </Section>
        </div>
        <div className="space-y-6">
          <ServiceDetails service={service} />
          <Section title="Releases from CI" id="webhook">
            <WebhookSecret serviceId={service.id} configured={service.webhook.configured} rotatedAt={service.webhook.rotatedAt?.toISOString() ?? null} canWrite={service.canWrite} />
          </Section>
          {targets && (
            <Section title="Deploy" id="deploy" bodyClassName="p-4">
              <DeployForm serviceId={service.id} targets={toJson(targets)} defaultStrategy={service.defaultStrategy} />
            </Section>
          )}
          {service.canWrite && (
            <Section title="New release" id="new-release" bodyClassName="p-4">
              <ReleaseForm serviceId={service.id} />
            </Section>
          )}
        </div>
      </div>
    </>
  );
}
