// What both deploy scenarios stand on, made through lib/ as the API does: two templates (one
// group "web"; two groups "web" + "db", both with 1-3 web instances), N ready environments of
// mixed shapes, and a service per environment on its web group with an HTTP health check
// (some with Elastic IPs); then rounds of deployments requested together, waited for in Postgres.
import { setTimeout as sleep } from "node:timers/promises";
import { requestDeployment } from "../../lib/deployments/request-deployment";
import { requestEnvironment } from "../../lib/environments/request-environment";
import { loadCaller } from "../../lib/identity/caller";
import { enqueueOutbox } from "../../lib/queue/outbox";
import { createRelease } from "../../lib/releases/create-release";
import { createReleaseSchema } from "../../lib/releases/schemas";
import { DEMO_ADMIN_EMAIL } from "../../lib/seed/seed-demo";
import { createService } from "../../lib/services/create-service";
import { createServiceSchema } from "../../lib/services/schemas";
import { createTemplate } from "../../lib/templates/publish-template-version";
import type { Stack } from "../../scripts/services/process-stack";
import { deployShape, elasticIpServices, type DeployShape } from "../lib/deploy-figures";
import { inParallel, waitForStates } from "./drive";

const IMAGE = `image: { owner: amazon, name: "al2023-ami-2023.*-x86_64", architecture: x86_64 }`;
const PARAMETERS = `parameters:
  type: object
  additionalProperties: false
  properties:
    replicas: { type: integer, minimum: 1, maximum: 3, default: 1 }
lease: { default: 2h, max: 1d }`;
const WEB = `  - name: web
    ${IMAGE}
    instanceType: t3.micro
    count: "\${{ params.replicas }}"`;
export const TEMPLATES = {
  web: { slug: "bench-deploy-web", source: `name: Deploy bench web\n${PARAMETERS}\ninstanceGroups:\n${WEB}\noutputs:\n  web: "\${{ instances.web[0].publicIp }}"\n` },
  stack: {
    slug: "bench-deploy-stack",
    source: `name: Deploy bench stack\n${PARAMETERS}\ninstanceGroups:\n${WEB}\n  - name: db\n    ${IMAGE}\n    instanceType: t3.small\n    count: 1\n    publicIp: false\noutputs:\n  web: "\${{ instances.web[0].publicIp }}"\n  db: "\${{ instances.db[0].privateIp }}"\n`,
  },
} as const;

const DIGEST = `sha256:${"d".repeat(64)}`;

export type Target = DeployShape & { index: number; environmentId: string; serviceId: string; stableAddresses: boolean };

export async function createTemplates(stack: Stack): Promise<void> {
  const admin = await stack.db.user.findUniqueOrThrow({ where: { email: DEMO_ADMIN_EMAIL } });
  const caller = (await loadCaller(stack.db, admin.id))!;
  for (const template of Object.values(TEMPLATES)) await createTemplate(stack.db, caller, template);
}

/** N ready environments of mixed shapes, each with its own service (and its first release). */
export async function prepareTargets(stack: Stack, count: number, options: { label: string; eipAddresses: number }): Promise<Target[]> {
  await createTemplates(stack);
  const shapes = Array.from({ length: count }, (_, i) => deployShape(i));
  const withAddresses = elasticIpServices(shapes.map((s) => s.replicas), options.eipAddresses);
  const since = new Date(Date.now() - 5);
  const environmentIds = await inParallel(shapes, 25, async (shape, i) => {
    const requested = await requestEnvironment(stack.db, stack.caller, { name: `${options.label}-${i}`, template: TEMPLATES[shape.template].slug, parameters: { replicas: shape.replicas }, ttl: "2h" });
    await enqueueOutbox(stack.queues.get, [requested.outbox]);
    return requested.environmentId;
  });
  const failed = await waitForStates(stack, { since, count }, ["ready"], { timeoutMs: 20 * 60_000, label: `${options.label} environments`, progress: true });
  if (failed.length > 0) throw new Error(`${failed.length} environment(s) failed to provision`);
  return inParallel(shapes, 10, async (shape, index) => {
    const stableAddresses = withAddresses.has(index);
    const service = await createService(
      stack.db,
      stack.caller,
      createServiceSchema.parse({
        name: `${options.label}-svc-${index}`,
        template: TEMPLATES[shape.template].slug,
        instanceGroup: "web",
        healthCheck: { http: { path: "/healthz", port: 8080 } },
        defaultStrategy: shape.strategy,
        stableAddresses,
      }),
    );
    return { ...shape, index, environmentId: environmentIds[index]!, serviceId: service.id, stableAddresses };
  });
}

export type DeployRound = { round: number; version: string; deploymentIds: string[]; requestedAt: number; requestWallMs: number; wallMs: number; strategies: Record<string, number> };

const FINAL = ["succeeded", "failed", "rolled_back", "canceled"] as const;

/** Creates release `version` of every target's service and deploys it to its environment, all at once; waits for every deployment to finish. */
export async function deployRound(stack: Stack, targets: Target[], round: number, options: { timeoutMs: number; label: string }): Promise<DeployRound> {
  const version = `1.${round}.0`;
  await inParallel(targets, 10, (t) => createRelease(stack.db, stack.caller, { ...createReleaseSchema.parse({ version, artifact: `ghcr.io/acme/web:${version}@${DIGEST}` }), service: t.serviceId }));
  const requestedAt = Date.now();
  const strategies: Record<string, number> = {};
  const deploymentIds = await inParallel(targets, 25, async (t) => {
    const strategy = deployShape(t.index, round).strategy;
    const key = strategy.type === "rolling" ? `rolling(${strategy.batchSize})` : strategy.type;
    strategies[key] = (strategies[key] ?? 0) + 1;
    const queued = await requestDeployment(stack.db, stack.caller, { service: t.serviceId, release: version, environment: t.environmentId, strategy });
    if (queued.outbox) await enqueueOutbox(stack.queues.get, [queued.outbox]);
    return queued.deploymentId;
  });
  const requestWallMs = Date.now() - requestedAt;
  await waitForDeployments(stack, deploymentIds, options);
  return { round, version, deploymentIds, requestedAt, requestWallMs, wallMs: Date.now() - requestedAt, strategies };
}

/** Counts finished deployments once a second (by id: at most a few hundred) until all are. */
export async function waitForDeployments(stack: Stack, ids: string[], options: { timeoutMs: number; label: string }): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  let lastPrint = 0;
  for (;;) {
    const rows = await stack.db.deployment.groupBy({ by: ["state"], where: { id: { in: ids } }, _count: true });
    const done = rows.filter((r) => (FINAL as readonly string[]).includes(r.state)).reduce((sum, r) => sum + r._count, 0);
    if (done >= ids.length) return;
    if (Date.now() - lastPrint > 10_000) {
      lastPrint = Date.now();
      console.log(`  ${options.label}: ${done}/${ids.length} finished (${rows.map((r) => `${r.state} ${r._count}`).join(", ")})`);
    }
    if (Date.now() > deadline) throw new Error(`${options.label}: timed out with ${done}/${ids.length} deployments finished`);
    await sleep(1000);
  }
}
