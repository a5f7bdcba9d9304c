// Real answers of the lib/ calls behind the API, made on real Postgres and the sandbox, match the
// response schemas the routes declare (as JSON, the way route() shapes them), and shaping drops
// nothing they hold: the schemas are neither too strict (a 500 with HANGAR_VALIDATE_RESPONSES)
// nor too loose (a field silently missing from an answer).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { listCloudAccountChoices, listCloudAccounts } from "../lib/cloud-accounts/manage-cloud-accounts";
import { cloudAccountList } from "../lib/cloud-accounts/api-schemas";
import { environmentList, environmentRun, environmentView, extendedLease } from "../lib/environments/api-schemas";
import { extendEnvironment } from "../lib/environments/extend-environment";
import { getEnvironment } from "../lib/environments/get-environment";
import { listEnvironments } from "../lib/environments/list-environments";
import { requestEnvironment } from "../lib/environments/request-environment";
import { listEnvironmentsSchema } from "../lib/environments/schemas";
import { meView, userList } from "../lib/identity/api-schemas";
import { listUsers, listUsersSchema } from "../lib/identity/users";
import { itemsOf } from "../lib/api-contract/common-schemas";
import { logLine } from "../lib/runs/api-schemas";
import { getEnvironmentLogs } from "../lib/runs/get-run-logs";
import { catalogPage, templateList, templateView, versionList } from "../lib/templates/api-schemas";
import { catalogQuerySchema, listCatalog } from "../lib/templates/list-catalog";
import { getTemplate, listTemplates, listTemplateVersions } from "../lib/templates/list-templates";
import { deploymentList, deploymentQueued, deploymentView, doraMetricsView } from "../lib/deployments/api-schemas";
import { getDeployment } from "../lib/deployments/get-deployment";
import type { GateResult } from "../lib/deployments/health-gate";
import { getDoraMetrics } from "../lib/deployments/dora-metrics";
import { listDeploymentsSchema } from "../lib/deployments/history-schemas";
import { listDeployments } from "../lib/deployments/list-deployments";
import { requestDeployment } from "../lib/deployments/request-deployment";
import { requestDeploymentSchema } from "../lib/deployments/schemas";
import { pipelineView } from "../lib/pipelines/api-schemas";
import { getPipeline } from "../lib/pipelines/get-pipeline";
import { releaseList, releaseView } from "../lib/releases/api-schemas";
import { createRelease } from "../lib/releases/create-release";
import { getRelease } from "../lib/releases/get-release";
import { listReleases } from "../lib/releases/list-releases";
import { createReleaseSchema, listReleasesSchema } from "../lib/releases/schemas";
import { serviceList, serviceView } from "../lib/services/api-schemas";
import { createService } from "../lib/services/create-service";
import { getService } from "../lib/services/get-service";
import { listServices } from "../lib/services/list-services";
import { createServiceSchema, listServicesSchema } from "../lib/services/schemas";
import { createProviderRegistry } from "../lib/cloud-accounts/create-provider-registry";
import { noRateLimiter } from "../lib/cloud/rate-limit/limits";
import { requestDefaults, requestPreview } from "../lib/environments/api-schemas";
import { previewRequest } from "../lib/environments/preview-request";
import { getRequestDefaults } from "../lib/environments/request-defaults";
import { ImageResolver } from "../lib/instances/image-resolver";
import { upgradePlan } from "../lib/environments/api-schemas";
import { planUpgrade } from "../lib/environments/plan-upgrade";
import { publishTemplateVersion } from "../lib/templates/publish-template-version";
import { createWorld, eventually, type World } from "./helpers/world";

let world: World;
let readyEnvironment = "";
beforeAll(async () => {
  world = await createWorld();
});
afterAll(async () => {
  await world?.close();
});

/** Parses the answer as route() does and returns what the client would get. */
function answer(schema: z.ZodType, value: unknown): unknown {
  const json: unknown = JSON.parse(JSON.stringify(value));
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new Error(`does not match: ${parsed.error.message}`);
  // Nothing the lib answered is dropped (the schemas are exact, not just permissive).
  expect(parsed.data).toEqual(json);
  return parsed.data;
}

describe("response schemas against real answers", () => {
  it("an environment from request to ready, its list, logs and lease", async () => {
    const requested = await requestEnvironment(world.db, world.developer, { name: "schema-1", template: "web-dev", parameters: {}, ttl: "2h" });
    await world.relay(requested.outbox);
    answer(environmentRun, { id: requested.environmentId, runId: requested.runId });
    const ready = await eventually(async () => {
      const env = await getEnvironment(world.db, world.developer, requested.environmentId);
      if (env.state === "failed") throw new Error(env.failureReason ?? "failed");
      return env.state === "ready" && env.runs[0]?.state === "succeeded" ? env : undefined;
    });
    answer(environmentView, ready);
    readyEnvironment = ready.id;
    answer(environmentList, await listEnvironments(world.db, world.developer, listEnvironmentsSchema.parse({})));
    const lines = await getEnvironmentLogs(world.db, world.developer, { environmentId: ready.id, limit: 50 });
    expect(lines.length).toBeGreaterThan(0);
    answer(itemsOf(logLine), { items: lines });
    answer(extendedLease, await extendEnvironment(world.db, world.developer, { environmentId: ready.id, by: "1h" }));
    // A newer version of its template: the upgrade plan.
    const { version } = await getTemplate(world.db, world.admin, "web-dev");
    await publishTemplateVersion(world.db, world.admin, { template: "web-dev", source: `${version.source}\n# v2\n`, changeNote: "a comment" });
    answer(upgradePlan, (await planUpgrade(world.db, world.developer, { environmentId: ready.id })).view);
  });

  it("the request form: a preview with prices and the defaults it opens with", async () => {
    const providers = createProviderRegistry({ db: world.db, encryptionKey: world.encryptionKey, rateLimiter: noRateLimiter });
    try {
      answer(requestPreview, await previewRequest(world.db, world.developer, { providers, images: new ImageResolver() }, { template: "service-stack", name: "pv-1", parameters: {}, region: "us-east-1" }));
      answer(requestDefaults, (await getRequestDefaults(world.db, world.developer, { template: "web-dev" })).defaults);
    } finally {
      providers.close();
    }
  });

  it("templates, their versions and the catalog", async () => {
    answer(templateList, await listTemplates(world.db, world.developer, { limit: 50 }));
    answer(templateView, await getTemplate(world.db, world.developer, "web-dev"));
    answer(versionList, { items: await listTemplateVersions(world.db, world.developer, "web-dev") });
    answer(catalogPage, await listCatalog(world.db, world.developer, catalogQuerySchema.parse({})));
  });

  it("cloud accounts (details for admins, choices for everyone), users and the caller", async () => {
    answer(cloudAccountList, { items: await listCloudAccounts(world.db, world.admin) });
    answer(cloudAccountList, { items: await listCloudAccountChoices(world.db, world.developer) });
    answer(userList, await listUsers(world.db, world.admin, listUsersSchema.parse({})));
    // The caller holds session internals the answer must not carry.
    const me = meView.parse(JSON.parse(JSON.stringify(world.developer)));
    expect(me.email).toBe(world.developer.email);
    expect(me).not.toHaveProperty("sessionVersion");
  });

  it("services, releases, a deployment with its run, the pipeline and DORA metrics", async () => {
    expect(readyEnvironment).not.toBe("");
    const service = await createService(world.db, world.developer, createServiceSchema.parse({ name: "schema-svc", template: "web-dev", instanceGroup: "web" }));
    answer(serviceView, service);
    answer(serviceView, await getService(world.db, world.developer, service.id));
    answer(serviceList, await listServices(world.db, world.developer, listServicesSchema.parse({})));
    const release = await createRelease(world.db, world.developer, { ...createReleaseSchema.parse({ version: "1.0.0", artifact: "ghcr.io/acme/web:1.0.0", config: { MODE: "a" }, changelog: "first" }), service: service.id });
    answer(releaseView, release);
    answer(releaseView, await getRelease(world.db, world.developer, { service: service.id, version: "1.0.0" }));
    answer(releaseList, await listReleases(world.db, world.developer, { ...listReleasesSchema.parse({}), service: service.id }));
    const queued = await requestDeployment(world.db, world.developer, { ...requestDeploymentSchema.parse({ release: "1.0.0", environment: readyEnvironment }), service: service.id });
    answer(deploymentQueued, { id: queued.deploymentId, runId: queued.runId, state: "queued" });
    answer(deploymentView, await getDeployment(world.db, world.developer, queued.deploymentId));
    // Gate results as the health gate records them while the deploy runs.
    const gate: GateResult = { instanceId: "i-0abc", batch: 0, statusChecks: { system: "ok", instance: "ok" }, http: { url: "http://10.0.0.1/healthz", status: 200, ms: 12 }, state: "passed", detail: "ok", at: new Date().toISOString() };
    await world.db.deployment.update({ where: { id: queued.deploymentId }, data: { gateResults: [gate, { ...gate, batch: 1, http: null, state: "pending" }] } });
    answer(deploymentView, await getDeployment(world.db, world.developer, queued.deploymentId));
    answer(deploymentList, await listDeployments(world.db, world.developer, listDeploymentsSchema.parse({})));
    answer(pipelineView, await getPipeline(world.db, world.developer, service.id));
    answer(doraMetricsView, await getDoraMetrics(world.db, world.developer, { service: service.id, window: "30d" }));
  });
});
