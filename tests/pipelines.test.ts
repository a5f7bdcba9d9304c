// Promotion pipelines on real Postgres: a developer sets a service's stages (each bound to one of
// its team's environments that runs the service's group; bad input is a 400 at the stage's field
// path and writes nothing); the release live on a stage is promoted to the next, awaiting a team
// admin's confirmation where the stage asks for one; only a team admin confirms (its run is
// queued) or rejects (canceled with the reason); a deploy straight to a stage's environment
// awaits the same confirmation; CI's webhook with "deploy": true deploys to the first stage, once
// per delivery, and without a pipeline writes nothing at all. "Live" is a succeeded Deployment row
// written directly: these tests are about what gets queued, not the deploy engine.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requestDeployment } from "../lib/deployments/request-deployment";
import { newId } from "../lib/db/ids";
import { requestEnvironment } from "../lib/environments/request-environment";
import type { Caller } from "../lib/identity/caller";
import { confirmDeployment, rejectDeployment } from "../lib/pipelines/confirm-deployment";
import { getPipeline, stageEnvironmentChoices } from "../lib/pipelines/get-pipeline";
import { promoteDeployment, promoteFromStage } from "../lib/pipelines/promote";
import { setPipelineSchema } from "../lib/pipelines/schemas";
import { setPipeline } from "../lib/pipelines/set-pipeline";
import { createRelease } from "../lib/releases/create-release";
import { createReleaseSchema } from "../lib/releases/schemas";
import { receiveReleaseWebhook } from "../lib/releases/webhook/receive-release-webhook";
import { signWebhookBody } from "../lib/releases/webhook/signature";
import { createService } from "../lib/services/create-service";
import { rotateWebhookSecret } from "../lib/services/rotate-webhook-secret";
import { createServiceSchema } from "../lib/services/schemas";
import { failure, userWithRole } from "./helpers/callers";
import { createWorld, type World } from "./helpers/world";

let world: World;
let developer: Caller;
let teamAdmin: Caller;
let viewer: Caller;
let outsider: Caller;
const env: Record<string, string> = {};

const DIGEST = `sha256:${"d".repeat(64)}`;

async function newService(name: string) {
  return createService(world.db, developer, createServiceSchema.parse({ name, template: "web-dev", instanceGroup: "web" }));
}
async function newRelease(service: string, version: string) {
  return createRelease(world.db, developer, { ...createReleaseSchema.parse({ version, artifact: `ghcr.io/acme/shop:${version}@${DIGEST}` }), service });
}
/** A ready environment (its provision is not run: no worker here). */
async function readyEnvironment(name: string, template = "web-dev", caller = developer) {
  const requested = await requestEnvironment(world.db, caller, { name, template, parameters: {} });
  await world.db.environment.update({ where: { id: requested.environmentId }, data: { state: "ready", readyAt: new Date() } });
  return requested.environmentId;
}
/** The release is live on the environment: a succeeded deployment, as the deploy engine leaves it. */
async function markLive(serviceId: string, releaseId: string, environmentId: string) {
  const service = await world.db.service.findUniqueOrThrow({ where: { id: serviceId } });
  const id = newId();
  await world.db.deployment.create({
    data: { id, serviceId, teamId: service.teamId, releaseId, environmentId, strategy: service.defaultStrategy as object, state: "succeeded", source: "api", startedAt: new Date(), finishedAt: new Date() },
  });
  return id;
}
const stages = (...list: [string, string, boolean?][]) => setPipelineSchema.parse({ stages: list.map(([name, environment, requiresConfirmation]) => ({ name, environment, requiresConfirmation })) });

async function counts() {
  const [stageRows, deployments, releases, deliveries, audits, runs] = await Promise.all([
    world.db.pipelineStage.count(),
    world.db.deployment.count(),
    world.db.release.count(),
    world.db.webhookDelivery.count(),
    world.db.auditEvent.count(),
    world.db.run.count(),
  ]);
  return { stageRows, deployments, releases, deliveries, audits, runs };
}

beforeAll(async () => {
  world = await createWorld({ worker: false });
  developer = world.developer;
  teamAdmin = await userWithRole(world.db, "pipe-admin@test.local", "demo", "admin");
  viewer = await userWithRole(world.db, "pipe-viewer@test.local", "demo", "viewer");
  outsider = await userWithRole(world.db, "pipe-outsider@test.local", "pipe-elsewhere", "developer");
  for (const name of ["pipe-dev", "pipe-staging", "pipe-prod", "pipe-spare"]) env[name] = await readyEnvironment(name);
  env["pipe-stack"] = await readyEnvironment("pipe-stack", "service-stack");
  env["theirs"] = await readyEnvironment("theirs", "web-dev", outsider);
}, 60_000);
afterAll(async () => {
  await world?.close();
});

describe("editing a pipeline", () => {
  it("a developer sets the stages in order, audited; the choices are the team's environments with the group", async () => {
    const service = await newService("shop");
    await setPipeline(world.db, developer, { ...stages(["dev", "pipe-dev"], ["staging", env["pipe-staging"]!], ["prod", "pipe-prod", true]), service: "shop" });
    const pipeline = await getPipeline(world.db, developer, service.id);
    expect(pipeline).toMatchObject({ canEdit: true, canConfirm: false });
    expect(pipeline.stages.map((s) => [s.name, s.position, s.environment.name, s.requiresConfirmation, s.live, s.pending])).toEqual([
      ["dev", 0, "pipe-dev", false, null, null],
      ["staging", 1, "pipe-staging", false, null, null],
      ["prod", 2, "pipe-prod", true, null, null],
    ]);
    const audit = await world.db.auditEvent.findFirstOrThrow({ where: { action: "pipeline.update", targetId: service.id } });
    expect(audit).toMatchObject({ actorId: developer.userId });
    expect((audit.after as { stages: { name: string }[] }).stages.map((s) => s.name)).toEqual(["dev", "staging", "prod"]);
    const choices = (await stageEnvironmentChoices(world.db, developer, service.id)).map((e) => e.name);
    expect(choices).toEqual(expect.arrayContaining(["pipe-dev", "pipe-staging", "pipe-prod", "pipe-spare"]));
    expect(choices).not.toContain("pipe-stack");
    expect(choices).not.toContain("theirs");
  });

  it("bad stages are a 400 at each stage's field path and write nothing", async () => {
    const before = await counts();
    const error = await failure(
      setPipeline(world.db, developer, {
        ...stages(["dev", "pipe-dev"], ["dev", "pipe-spare"], ["staging", "pipe-dev"], ["prod", "no-such-env"], ["stack", "pipe-stack"], ["other", "theirs"]),
        service: "shop",
      }),
    );
    expect(error.status).toBe(400);
    expect(error.issues.map((i) => i.path)).toEqual(["stages.1.name", "stages.2.environment", "stages.3.environment", "stages.4.environment", "stages.5.environment"]);
    expect(error.issues[1]!.message).toContain("pipe-dev is already stage 1's environment");
    expect(error.issues[3]!.message).toContain("has no instance group web");
    expect(await counts()).toEqual(before);
    const schema = setPipelineSchema.safeParse({ stages: [{ name: "Prod!", environment: "" }] });
    expect(schema.error?.issues.map((i) => i.path.join("."))).toEqual(["stages.0.name", "stages.0.environment"]);
    expect(setPipelineSchema.safeParse({ stages: Array.from({ length: 11 }, (_, i) => ({ name: `s${i}`, environment: "x" })) }).success).toBe(false);
  });

  it("a viewer may not edit it (403), another team does not see it (404)", async () => {
    const before = await counts();
    expect((await failure(setPipeline(world.db, viewer, { ...stages(["dev", "pipe-dev"]), service: "shop" }))).status).toBe(403);
    expect((await failure(getPipeline(world.db, outsider, "shop"))).status).toBe(404);
    expect((await getPipeline(world.db, viewer, "shop")).canEdit).toBe(false);
    expect(await counts()).toEqual(before);
  });
});

describe("promotion across three stages", () => {
  it("refuses an unknown stage (404), an empty stage and the last stage (409), all at from", async () => {
    const unknown = await failure(promoteFromStage(world.db, developer, { service: "shop", from: "qa" }));
    expect(unknown.status).toBe(404);
    expect(unknown.issues[0]).toMatchObject({ path: "from", message: expect.stringContaining("its stages are dev, staging, prod") });
    const empty = await failure(promoteFromStage(world.db, developer, { service: "shop", from: "dev" }));
    expect(empty.status).toBe(409);
    expect(empty.issues).toEqual([{ path: "from", message: "nothing is live on dev yet; deploy a release there first" }]);
    const last = await failure(promoteFromStage(world.db, developer, { service: "shop", from: "prod" }));
    expect(last.status).toBe(409);
    expect(last.issues[0]!.path).toBe("from");
    expect((await failure(promoteFromStage(world.db, viewer, { service: "shop", from: "dev" }))).status).toBe(403);
  });

  it("dev -> staging is queued; staging -> prod awaits a team admin's confirmation", async () => {
    const service = await world.db.service.findFirstOrThrow({ where: { name: "shop" } });
    const release = await newRelease("shop", "1.0.0");
    await markLive(service.id, release.id, env["pipe-dev"]!);

    const toStaging = await promoteFromStage(world.db, developer, { service: "shop", from: "dev", context: { ip: "10.0.0.5" } });
    expect(toStaging).toMatchObject({ state: "queued", stage: "staging", release: "1.0.0", runId: expect.any(String) });
    expect(toStaging.outbox).not.toBeNull();
    const staged = await world.db.deployment.findUniqueOrThrow({ where: { id: toStaging.id }, include: { stage: true } });
    expect(staged).toMatchObject({ environmentId: env["pipe-staging"], source: "promotion", requestedById: developer.userId, releaseId: release.id });
    expect(staged.stage?.name).toBe("staging");
    // The deploy engine finishes it.
    await world.db.deployment.update({ where: { id: toStaging.id }, data: { state: "succeeded", finishedAt: new Date() } });

    const toProd = await promoteFromStage(world.db, developer, { service: "shop", from: "staging" });
    expect(toProd).toMatchObject({ state: "awaiting_confirmation", runId: null, outbox: null, stage: "prod", release: "1.0.0" });

    const pipeline = await getPipeline(world.db, teamAdmin, "shop");
    expect(pipeline.canConfirm).toBe(true);
    expect(pipeline.stages.map((s) => s.live?.release ?? null)).toEqual(["1.0.0", "1.0.0", null]);
    expect(pipeline.stages[2]!.pending).toMatchObject({ id: toProd.id, release: "1.0.0", source: "promotion", requestedBy: { email: developer.email } });
  });

  it("promoting a succeeded deployment sends its release to the next stage; an unfinished one is a 409", async () => {
    const service = await world.db.service.findFirstOrThrow({ where: { name: "shop" } });
    const release = await newRelease("shop", "1.1.0");
    const onDev = await markLive(service.id, release.id, env["pipe-dev"]!);
    const promoted = await promoteDeployment(world.db, developer, { deploymentId: onDev });
    expect(promoted).toMatchObject({ stage: "staging", release: "1.1.0", state: "queued" });
    const error = await failure(promoteDeployment(world.db, developer, { deploymentId: promoted.id }));
    expect(error.status).toBe(409);
    expect(error.message).toContain("only a succeeded deployment can be promoted");
    expect((await failure(promoteDeployment(world.db, outsider, { deploymentId: onDev }))).status).toBe(404);
  });
});

describe("confirmation", () => {
  it("only a team admin confirms: a developer is refused (403), the admin's confirm queues its run, once", async () => {
    const pending = await world.db.deployment.findFirstOrThrow({ where: { state: "awaiting_confirmation", stage: { name: "prod" } } });
    const before = await counts();
    const refused = await failure(confirmDeployment(world.db, developer, { deploymentId: pending.id }));
    expect(refused.status).toBe(403);
    expect(await counts()).toEqual(before);

    const confirmed = await confirmDeployment(world.db, teamAdmin, { deploymentId: pending.id, context: { ip: "10.0.0.6" } });
    expect(confirmed).toMatchObject({ id: pending.id, state: "queued", runId: expect.any(String) });
    expect(confirmed.outbox).not.toBeNull();
    const row = await world.db.deployment.findUniqueOrThrow({ where: { id: pending.id } });
    expect(row).toMatchObject({ state: "queued", runId: confirmed.runId, confirmedById: teamAdmin.userId });
    expect(row.confirmedAt).toBeInstanceOf(Date);
    const run = await world.db.run.findUniqueOrThrow({ where: { id: confirmed.runId! } });
    expect(run).toMatchObject({ kind: "deploy", environmentId: env["pipe-prod"], state: "queued" });
    expect(await world.db.auditEvent.count({ where: { action: "deployment.confirm", targetId: pending.id, actorId: teamAdmin.userId } })).toBe(1);

    const again = await failure(confirmDeployment(world.db, teamAdmin, { deploymentId: pending.id }));
    expect(again.status).toBe(409);
    expect(again.message).toContain("not awaiting confirmation");
  });

  it("a deploy straight to the prod stage's environment awaits the same confirmation; a reject cancels it with the reason", async () => {
    const queued = await requestDeployment(world.db, developer, { service: "shop", release: "1.1.0", environment: "pipe-prod" });
    expect(queued).toMatchObject({ runId: null, outbox: null });
    const row = await world.db.deployment.findUniqueOrThrow({ where: { id: queued.deploymentId }, include: { stage: true } });
    expect(row).toMatchObject({ state: "awaiting_confirmation", source: "api" });
    expect(row.stage?.name).toBe("prod");

    expect((await failure(rejectDeployment(world.db, developer, { deploymentId: queued.deploymentId, reason: "no" }))).status).toBe(403);
    const rejected = await rejectDeployment(world.db, teamAdmin, { deploymentId: queued.deploymentId, reason: "freeze until Monday" });
    expect(rejected).toEqual({ id: queued.deploymentId, runId: null, state: "canceled" });
    const after = await world.db.deployment.findUniqueOrThrow({ where: { id: queued.deploymentId } });
    expect(after).toMatchObject({ state: "canceled", runId: null, reason: "Rejected by pipe-admin@test.local: freeze until Monday" });
    expect(after.finishedAt).toBeInstanceOf(Date);
    expect(await world.db.auditEvent.count({ where: { action: "deployment.reject", targetId: queued.deploymentId } })).toBe(1);
    expect((await failure(confirmDeployment(world.db, teamAdmin, { deploymentId: queued.deploymentId }))).status).toBe(409);
    expect((await getPipeline(world.db, developer, "shop")).stages[2]!.pending).toBeNull();
  });

  it("a site admin may confirm; another team's deployment is not found", async () => {
    const queued = await requestDeployment(world.db, developer, { service: "shop", release: "1.0.0", environment: "pipe-prod" });
    expect((await failure(confirmDeployment(world.db, outsider, { deploymentId: queued.deploymentId }))).status).toBe(404);
    expect((await confirmDeployment(world.db, world.admin, { deploymentId: queued.deploymentId })).state).toBe("queued");
  });

  it("removing a stage cancels what awaits confirmation on it and keeps the other stages' ids", async () => {
    const before = await getPipeline(world.db, developer, "shop");
    const waiting = await promoteFromStage(world.db, developer, { service: "shop", from: "staging" });
    expect(waiting.state).toBe("awaiting_confirmation");
    await setPipeline(world.db, developer, { ...stages(["dev", "pipe-dev"], ["staging", "pipe-staging"]), service: "shop" });
    const after = await getPipeline(world.db, developer, "shop");
    expect(after.stages.map((s) => s.id)).toEqual(before.stages.slice(0, 2).map((s) => s.id));
    const canceled = await world.db.deployment.findUniqueOrThrow({ where: { id: waiting.id } });
    expect(canceled).toMatchObject({ state: "canceled", stageId: null, reason: expect.stringContaining("stage was removed") });
    // Back to three stages, reordered: kept names keep their ids.
    await setPipeline(world.db, developer, { ...stages(["staging", "pipe-staging"], ["dev", "pipe-dev"], ["prod", "pipe-prod", true]), service: "shop" });
    const reordered = await getPipeline(world.db, developer, "shop");
    expect(reordered.stages.map((s) => s.name)).toEqual(["staging", "dev", "prod"]);
    expect(reordered.stages[0]!.id).toBe(before.stages[1]!.id);
    await setPipeline(world.db, developer, { ...stages(["dev", "pipe-dev"], ["staging", "pipe-staging"], ["prod", "pipe-prod", true]), service: "shop" });
  });
});

describe("deploying from CI", () => {
  async function hooked(name: string) {
    const service = await newService(name);
    const { secret } = await rotateWebhookSecret(world.db, developer, { service: service.id, encryptionKey: world.encryptionKey });
    return { service, secret };
  }
  function deliver(serviceId: string, secret: string, body: Record<string, unknown>, deliveryId = randomBytes(8).toString("hex")) {
    const raw = JSON.stringify(body);
    return receiveReleaseWebhook(world.db, { service: serviceId, body: raw, signature: signWebhookBody(raw, secret), deliveryId, encryptionKey: world.encryptionKey });
  }
  const body = (version: string, deploy?: boolean) => ({ version, artifact: `ghcr.io/acme/ci:${version}@${DIGEST}`, ...(deploy === undefined ? {} : { deploy }) });

  it("without a pipeline, deploy: true is a 409 at deploy and writes nothing, not even the release", async () => {
    const { service, secret } = await hooked("ci-bare");
    const before = await counts();
    const error = await failure(deliver(service.id, secret, body("1.0.0", true)));
    expect(error.status).toBe(409);
    expect(error.issues).toEqual([{ path: "deploy", message: "the service has no pipeline; add stages or leave deploy out" }]);
    expect(await counts()).toEqual(before);
    // Left out (or false), the release is created as before.
    const plain = await deliver(service.id, secret, body("1.0.0", false));
    expect(plain).toMatchObject({ duplicate: false, deployment: null, outbox: null });
    const bad = await failure(deliver(service.id, secret, { ...body("1.0.1"), deploy: "yes" }));
    expect(bad.issues).toEqual([{ path: "deploy", message: "must be true or false" }]);
  });

  it("with a pipeline the release goes to the first stage; a replay answers with the same deployment and deploys nothing", async () => {
    const { service, secret } = await hooked("ci-piped");
    await setPipeline(world.db, developer, { ...stages(["dev", "pipe-spare"]), service: service.id });
    const delivered = await deliver(service.id, secret, body("2.0.0", true), "delivery-1");
    expect(delivered).toMatchObject({ duplicate: false, release: { version: "2.0.0" }, deployment: { state: "queued", runId: expect.any(String) } });
    expect(delivered.outbox).not.toBeNull();
    const row = await world.db.deployment.findUniqueOrThrow({ where: { id: delivered.deployment!.id }, include: { stage: true } });
    expect(row).toMatchObject({ source: "webhook", requestedById: null, environmentId: env["pipe-spare"], releaseId: delivered.release.id });
    expect(row.stage?.name).toBe("dev");
    const audit = await world.db.auditEvent.findFirstOrThrow({ where: { action: "deployment.request", targetId: row.id } });
    expect(audit).toMatchObject({ actorId: null, actorEmail: "system:webhook" });

    const before = await counts();
    const replay = await deliver(service.id, secret, body("2.0.0", true), "delivery-1");
    expect(replay).toMatchObject({ duplicate: true, deployment: delivered.deployment, outbox: null });
    expect(await counts()).toEqual(before);
  });

  it("a first stage that asks for a confirmation leaves CI's deployment awaiting it", async () => {
    const { service, secret } = await hooked("ci-gated");
    await setPipeline(world.db, developer, { ...stages(["dev", "pipe-spare", true]), service: service.id });
    const delivered = await deliver(service.id, secret, body("3.0.0", true));
    expect(delivered.deployment).toMatchObject({ state: "awaiting_confirmation", runId: null });
    expect(delivered.outbox).toBeNull();
  });
});
