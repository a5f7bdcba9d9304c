// Promotion across three stages for real: Postgres, Redis, the worker and the sandbox (through the
// real SDK). CI's webhook creates 1.0.0 and deploys it to dev; it is promoted to staging, then to
// prod, which waits for a team admin's confirmation before its run starts; every stage ends with
// its instances running 1.0.0 and the pipeline showing it live everywhere, nothing pending.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requestEnvironment } from "../lib/environments/request-environment";
import type { Caller } from "../lib/identity/caller";
import { confirmDeployment } from "../lib/pipelines/confirm-deployment";
import { getPipeline } from "../lib/pipelines/get-pipeline";
import { promoteFromStage } from "../lib/pipelines/promote";
import { setPipelineSchema } from "../lib/pipelines/schemas";
import { setPipeline } from "../lib/pipelines/set-pipeline";
import { receiveReleaseWebhook } from "../lib/releases/webhook/receive-release-webhook";
import { signWebhookBody } from "../lib/releases/webhook/signature";
import { createService } from "../lib/services/create-service";
import { rotateWebhookSecret } from "../lib/services/rotate-webhook-secret";
import { createServiceSchema } from "../lib/services/schemas";
import { userWithRole } from "./helpers/callers";
import { createWorld, eventually, type World } from "./helpers/world";

let world: World;
let teamAdmin: Caller;
const environments: Record<string, string> = {};

async function readyEnvironment(name: string) {
  const requested = await requestEnvironment(world.db, world.developer, { name, template: "web-dev", parameters: {} });
  await world.relay(requested.outbox);
  return requested.environmentId;
}

async function succeeded(deploymentId: string) {
  const deployment = await eventually(
    async () => {
      const d = await world.db.deployment.findUniqueOrThrow({ where: { id: deploymentId }, include: { run: true } });
      return ["succeeded", "failed", "rolled_back", "canceled"].includes(d.state) && d.run && !["queued", "running"].includes(d.run.state) ? d : undefined;
    },
    { what: `deployment ${deploymentId} to finish`, timeoutMs: 45_000 },
  );
  expect(deployment.state, deployment.reason ?? "").toBe("succeeded");
  return deployment;
}

/** The releases the live web instances run (one instance in web-dev's group). */
async function webReleases(environmentId: string) {
  const rows = await world.db.instance.findMany({ where: { environmentId, groupName: "web", state: "running", outOfServiceAt: null }, select: { releaseId: true } });
  return rows.map((r) => r.releaseId);
}

beforeAll(async () => {
  world = await createWorld({ worker: false });
  await world.startWorker({ gateTimeoutMs: 8000, gateIntervalMs: 200 });
  teamAdmin = await userWithRole(world.db, "promo-admin@test.local", "demo", "admin");
  for (const stage of ["dev", "staging", "prod"]) environments[stage] = await readyEnvironment(`promo-${stage}`);
  await eventually(async () => ((await world.db.environment.count({ where: { id: { in: Object.values(environments) }, state: "ready" } })) === 3 ? true : undefined), {
    what: "three environments ready",
    timeoutMs: 45_000,
  });
}, 90_000);
afterAll(async () => {
  await world?.close();
});

describe("promotion across three stages", () => {
  it("CI deploys to dev, dev is promoted to staging, staging to prod once a team admin confirms", async () => {
    const service = await createService(world.db, world.developer, createServiceSchema.parse({ name: "promo", template: "web-dev", instanceGroup: "web" }));
    const stages = setPipelineSchema.parse({
      stages: [
        { name: "dev", environment: "promo-dev" },
        { name: "staging", environment: "promo-staging" },
        { name: "prod", environment: "promo-prod", requiresConfirmation: true },
      ],
    });
    await setPipeline(world.db, world.developer, { ...stages, service: service.id });
    const { secret } = await rotateWebhookSecret(world.db, world.developer, { service: service.id, encryptionKey: world.encryptionKey });

    const body = JSON.stringify({ version: "1.0.0", artifact: `ghcr.io/acme/promo:1.0.0@sha256:${"a".repeat(64)}`, deploy: true });
    const delivered = await receiveReleaseWebhook(world.db, { service: service.id, body, signature: signWebhookBody(body, secret), deliveryId: "ci-1", encryptionKey: world.encryptionKey });
    await world.relay(delivered.outbox!);
    await succeeded(delivered.deployment!.id);
    const v1 = delivered.release.id;
    expect(await webReleases(environments.dev!)).toEqual([v1]);

    const toStaging = await promoteFromStage(world.db, world.developer, { service: "promo", from: "dev" });
    await world.relay(toStaging.outbox!);
    const staged = await succeeded(toStaging.id);
    expect(staged).toMatchObject({ source: "promotion", environmentId: environments.staging });
    expect(await webReleases(environments.staging!)).toEqual([v1]);

    const toProd = await promoteFromStage(world.db, world.developer, { service: "promo", from: "staging" });
    expect(toProd).toMatchObject({ state: "awaiting_confirmation", runId: null });
    // Nothing starts on prod while it awaits the confirmation.
    expect(await world.db.run.count({ where: { environmentId: environments.prod!, kind: "deploy" } })).toBe(0);
    const confirmed = await confirmDeployment(world.db, teamAdmin, { deploymentId: toProd.id });
    await world.relay(confirmed.outbox!);
    const prod = await succeeded(toProd.id);
    expect(prod).toMatchObject({ confirmedById: teamAdmin.userId, environmentId: environments.prod });
    expect(await webReleases(environments.prod!)).toEqual([v1]);

    const pipeline = await getPipeline(world.db, world.developer, "promo");
    expect(pipeline.stages.map((s) => [s.name, s.live?.release ?? null, s.pending])).toEqual([
      ["dev", "1.0.0", null],
      ["staging", "1.0.0", null],
      ["prod", "1.0.0", null],
    ]);
  });
});
