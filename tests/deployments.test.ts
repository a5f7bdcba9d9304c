// Deployments end to end on Postgres, Redis, the worker and the sandbox (through the real SDK):
// rolling, blue-green and canary put a release on new instances behind a health gate (EC2 status
// checks and an HTTP check the sandbox answers per instance), move the service's Elastic IPs to
// them and retire the old set; a failing gate rolls back by itself with the old set serving on its
// addresses; a rollback inside the blue-green grace period switches back without a launch; two
// deploys requested at once run one after the other; destroying releases the addresses.
import { DescribeAddressesCommand, EC2Client, TerminateInstancesCommand } from "@aws-sdk/client-ec2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requestEnvironment } from "../lib/environments/request-environment";
import { destroyEnvironment } from "../lib/environments/destroy-environment";
import { requestDeployment } from "../lib/deployments/request-deployment";
import { rollbackDeployment } from "../lib/deployments/rollback-deployment";
import { queueDueRetirements } from "../lib/deployments/retire-sweep";
import { createRelease } from "../lib/releases/create-release";
import { createReleaseSchema } from "../lib/releases/schemas";
import { createService } from "../lib/services/create-service";
import { createServiceSchema } from "../lib/services/schemas";
import { createTemplate } from "../lib/templates/publish-template-version";
import { SANDBOX_ACCESS_KEY_ID, SANDBOX_SECRET_ACCESS_KEY } from "../lib/seed/seed-demo";
import type { Caller } from "../lib/identity/caller";
import { failure, userWithRole } from "./helpers/callers";
import { createWorld, eventually, type World } from "./helpers/world";

let world: World;
let platform: Caller;

const TEMPLATE = `name: Deploy box
lease: { default: 2h, max: 1d }
instanceGroups:
  - name: web
    image: { owner: amazon, name: "al2023-ami-2023.*-x86_64", architecture: x86_64 }
    instanceType: t3.micro
    count: 3
  - name: db
    image: { owner: amazon, name: "al2023-ami-2023.*-x86_64", architecture: x86_64 }
    instanceType: t3.micro
    count: 1
outputs:
  web: "\${{ instances.web[0].publicIp }}"
`;
const DIGEST = `sha256:${"c".repeat(64)}`;

async function readyEnvironment(name: string) {
  const requested = await requestEnvironment(world.db, world.developer, { name, template: "deploy-box", parameters: {} });
  await world.relay(requested.outbox);
  await eventually(async () => ((await world.db.environment.findUnique({ where: { id: requested.environmentId } }))?.state === "ready" ? true : undefined), { what: `${name} ready`, timeoutMs: 30_000 });
  return requested.environmentId;
}

async function service(name: string, extra: Record<string, unknown> = {}) {
  return createService(world.db, world.developer, createServiceSchema.parse({ name, template: "deploy-box", instanceGroup: "web", healthCheck: { http: { path: "/healthz", port: 8080 } }, ...extra }));
}

async function release(serviceId: string, version: string, config: Record<string, string> = {}) {
  return createRelease(world.db, world.developer, { ...createReleaseSchema.parse({ version, artifact: `ghcr.io/acme/web:${version}@${DIGEST}`, config }), service: serviceId });
}

async function deploy(serviceId: string, version: string, environment: string, strategy?: Record<string, unknown>) {
  const queued = await requestDeployment(world.db, world.developer, { service: serviceId, release: version, environment, ...(strategy ? { strategy: strategy as never } : {}) });
  if (queued.outbox) await world.relay(queued.outbox);
  return queued.deploymentId;
}

const FINAL = new Set(["succeeded", "failed", "rolled_back", "canceled"]);
async function finished(deploymentId: string, timeoutMs = 45_000) {
  try {
    return await eventually(
      async () => {
        const d = await world.db.deployment.findUniqueOrThrow({ where: { id: deploymentId }, include: { run: true } });
        return FINAL.has(d.state) && d.run && !["queued", "running"].includes(d.run.state) ? d : undefined;
      },
      { what: `deployment ${deploymentId} to finish`, timeoutMs },
    );
  } catch (error) {
    // What the run was doing, to make a timeout readable.
    const d = await world.db.deployment.findUniqueOrThrow({ where: { id: deploymentId }, include: { run: { include: { steps: { orderBy: { position: "asc" } }, logs: { orderBy: { id: "asc" } } } } } });
    const steps = d.run?.steps.map((s) => `${s.name}=${s.state}${s.waitReason ? ` (${s.waitReason})` : ""}${s.error ? ` [${s.error}]` : ""}`).join(", ");
    const logs = d.run?.logs.map((l) => `${l.step ?? "-"}: ${l.message}`).join("\n");
    throw new Error(`${(error as Error).message}; deployment ${d.state}, run ${d.run?.state}: ${steps}\n${logs}`);
  }
}

async function webInstances(environmentId: string) {
  const rows = await world.db.instance.findMany({ where: { environmentId, groupName: "web", state: { notIn: ["terminated", "shutting-down"] } }, orderBy: { launchedAt: "asc" } });
  return { live: rows.filter((r) => r.outOfServiceAt === null), kept: rows.filter((r) => r.outOfServiceAt !== null) };
}

function ec2() {
  return new EC2Client({ endpoint: world.sandbox.url, region: "us-east-1", credentials: { accessKeyId: SANDBOX_ACCESS_KEY_ID, secretAccessKey: SANDBOX_SECRET_ACCESS_KEY } });
}

beforeAll(async () => {
  world = await createWorld({ worker: false });
  await world.startWorker({ gateTimeoutMs: 8000, gateIntervalMs: 200 });
  platform = await userWithRole(world.db, "plat@deploys.local", "demo", "platform");
  await createTemplate(world.db, platform, { slug: "deploy-box", source: TEMPLATE });
}, 60_000);
afterAll(async () => {
  await world?.close();
});

describe("deploying a release", () => {
  it("rolls out in batches behind the health gate, moves the Elastic IPs, and retires the old set", async () => {
    const envId = await readyEnvironment("dep-rolling");
    const svc = await service("rolling-web", { stableAddresses: true });
    await release(svc.id, "1.0.0");
    const first = await finished(await deploy(svc.id, "1.0.0", "dep-rolling", { type: "rolling", batchSize: 2 }));
    expect(first.state).toBe("succeeded");
    expect(first.fromReleaseId).toBeNull();
    const v1 = await webInstances(envId);
    expect(v1.live).toHaveLength(3);
    expect(v1.live.every((i) => i.releaseId === first.releaseId)).toBe(true);
    // Two batches (2 + 1), each gated per instance: status checks and HTTP both passed.
    const gate = first.gateResults as { instanceId: string; batch: number; state: string; http: { status: number } | null }[];
    expect(gate.map((g) => g.batch).sort()).toEqual([0, 0, 1]);
    expect(gate.every((g) => g.state === "passed" && g.http?.status === 200)).toBe(true);
    // Every instance of the group holds one of the service's addresses, and the outputs point at the live set.
    const addresses = await world.db.serviceAddress.findMany({ where: { environmentId: envId } });
    expect(addresses).toHaveLength(3);
    expect(new Set(addresses.map((a) => a.instanceId))).toEqual(new Set(v1.live.map((i) => i.cloudId)));
    const cloud = await ec2().send(new DescribeAddressesCommand({ AllocationIds: addresses.map((a) => a.allocationId!) }));
    expect(new Set(cloud.Addresses?.map((a) => a.InstanceId))).toEqual(new Set(v1.live.map((i) => i.cloudId)));
    const env = await world.db.environment.findUniqueOrThrow({ where: { id: envId } });
    expect(env.state).toBe("ready");
    expect(addresses.map((a) => a.publicIp)).toContain((env.outputs as { web: string }).web);
    // The db group was not touched; the provisioned web instances are gone.
    expect(await world.db.instance.count({ where: { environmentId: envId, groupName: "db", state: "running" } })).toBe(1);

    await release(svc.id, "1.1.0");
    const second = await finished(await deploy(svc.id, "1.1.0", "dep-rolling"));
    expect(second.state).toBe("succeeded");
    expect(second.fromReleaseId).toBe(first.releaseId);
    expect(second.previousDeploymentId).toBe(first.id);
    const v2 = await webInstances(envId);
    expect(v2.live.every((i) => i.releaseId === second.releaseId)).toBe(true);
    const moved = await world.db.serviceAddress.findMany({ where: { environmentId: envId } });
    // The same three addresses, now on the new instances.
    expect(new Set(moved.map((a) => a.allocationId))).toEqual(new Set(addresses.map((a) => a.allocationId)));
    expect(new Set(moved.map((a) => a.instanceId))).toEqual(new Set(v2.live.map((i) => i.cloudId)));
    await eventually(async () => ((await webInstances(envId)).kept.length === 0 ? true : undefined), { what: "old set terminated" });

    // Destroying the environment releases the addresses in the cloud.
    const destroyed = await destroyEnvironment(world.db, world.developer, { environmentId: envId });
    await world.relay(destroyed.outbox);
    await eventually(async () => ((await world.db.environment.findUniqueOrThrow({ where: { id: envId } })).state === "destroyed" ? true : undefined), { what: "destroyed", timeoutMs: 30_000 });
    const left = await ec2().send(new DescribeAddressesCommand({ Filters: [{ Name: "tag:hangar:env", Values: [envId] }] }));
    expect(left.Addresses ?? []).toEqual([]);
  }, 120_000);

  it("rolls back by itself when the health gate fails, and the old set keeps serving on its addresses", async () => {
    const envId = await readyEnvironment("dep-failing");
    const svc = await service("failing-web", { stableAddresses: true });
    await release(svc.id, "1.0.0");
    const good = await finished(await deploy(svc.id, "1.0.0", "dep-failing", { type: "blue-green", graceMinutes: 0 }));
    expect(good.state).toBe("succeeded");
    const before = await webInstances(envId);
    const addresses = await world.db.serviceAddress.findMany({ where: { environmentId: envId }, orderBy: { slot: "asc" } });

    await release(svc.id, "2.0.0", { SANDBOX: "hangar-sandbox: http=500" });
    const bad = await finished(await deploy(svc.id, "2.0.0", "dep-failing", { type: "rolling", batchSize: 1 }));
    expect(bad.state).toBe("rolled_back");
    expect(bad.reason).toMatch(/Health gate failed for batch 1 of 3: .*answered 500, expected 200/);
    const after = await webInstances(envId);
    expect(after.live.map((i) => i.cloudId)).toEqual(before.live.map((i) => i.cloudId));
    const now = await world.db.serviceAddress.findMany({ where: { environmentId: envId }, orderBy: { slot: "asc" } });
    expect(new Set(now.map((a) => a.instanceId))).toEqual(new Set(before.live.map((i) => i.cloudId)));
    expect(now.map((a) => a.allocationId)).toEqual(addresses.map((a) => a.allocationId));
    expect(await world.db.instance.count({ where: { environmentId: envId, releaseId: bad.releaseId, state: { notIn: ["terminated", "shutting-down"] } } })).toBe(0);
    expect((await world.db.environment.findUniqueOrThrow({ where: { id: envId } })).state).toBe("ready");

    // Status checks failing are caught as well (blue-green: the whole new set, nothing switched).
    await release(svc.id, "2.0.1", { SANDBOX: "hangar-sandbox: status-checks=fail" });
    const impaired = await finished(await deploy(svc.id, "2.0.1", "dep-failing", { type: "blue-green" }));
    expect(impaired.state).toBe("rolled_back");
    expect(impaired.reason).toMatch(/EC2 status checks failed/);
    expect((await webInstances(envId)).live.map((i) => i.cloudId)).toEqual(before.live.map((i) => i.cloudId));
  }, 120_000);

  it("fails the gate and rolls back when a new instance is terminated outside Hangar while it is gated", async () => {
    const envId = await readyEnvironment("dep-killed");
    const svc = await service("killed-web", { healthCheck: { http: { path: "/slow", port: 8080, timeoutSeconds: 5 } } });
    await release(svc.id, "1.0.0", { SANDBOX: "hangar-sandbox: http-delay=30s" });
    const before = await webInstances(envId);
    const id = await deploy(svc.id, "1.0.0", "dep-killed", { type: "blue-green", graceMinutes: 0 });
    const victim = await eventually(async () => (await world.db.instance.findFirst({ where: { environmentId: envId, state: "running", releaseId: { not: null } } }))?.cloudId ?? undefined, {
      what: "a new instance running",
    });
    await ec2().send(new TerminateInstancesCommand({ InstanceIds: [victim] }));
    const done = await finished(id);
    expect(done.state).toBe("rolled_back");
    expect(done.reason).toMatch(new RegExp(`${victim}: the instance is (shutting-down|terminated)`));
    expect((await webInstances(envId)).live.map((i) => i.cloudId)).toEqual(before.live.map((i) => i.cloudId));
  }, 90_000);

  it("switches back without a launch inside the blue-green grace period, and canaries bake before the rest", async () => {
    const envId = await readyEnvironment("dep-bluegreen");
    const svc = await service("bg-web");
    await release(svc.id, "1.0.0");
    await release(svc.id, "1.1.0");
    expect((await finished(await deploy(svc.id, "1.0.0", "dep-bluegreen", { type: "canary", count: 1, bakeSeconds: 1 }))).state).toBe("succeeded");
    const v1 = await webInstances(envId);
    const blueGreen = await finished(await deploy(svc.id, "1.1.0", "dep-bluegreen", { type: "blue-green", graceMinutes: 15 }));
    expect(blueGreen.state).toBe("succeeded");
    const v2 = await webInstances(envId);
    expect(v2.kept.map((i) => i.cloudId).sort()).toEqual(v1.live.map((i) => i.cloudId).sort());

    const launchesBefore = await world.db.cloudOperation.count({ where: { environmentId: envId, action: "RunInstances" } });
    const rollback = await rollbackDeployment(world.db, world.developer, { deploymentId: blueGreen.id });
    await world.relay(rollback.outbox!);
    const rolledBack = await finished(rollback.deploymentId);
    expect(rolledBack).toMatchObject({ state: "succeeded", rollbackOfId: blueGreen.id, releaseId: v1.live[0]!.releaseId, source: "rollback" });
    expect(await world.db.cloudOperation.count({ where: { environmentId: envId, action: "RunInstances" } })).toBe(launchesBefore);
    const v3 = await webInstances(envId);
    expect(v3.live.map((i) => i.cloudId).sort()).toEqual(v1.live.map((i) => i.cloudId).sort());
    // The green set was retired by the rollback.
    await eventually(async () => ((await webInstances(envId)).kept.length === 0 ? true : undefined), { what: "green set terminated" });
  }, 120_000);

  it("retires a kept blue-green set by itself once its grace period ends", async () => {
    const envId = await readyEnvironment("dep-grace");
    const svc = await service("grace-web");
    await release(svc.id, "1.0.0");
    const done = await finished(await deploy(svc.id, "1.0.0", "dep-grace", { type: "blue-green", graceMinutes: 15 }));
    expect(done.state).toBe("succeeded");
    const kept = (await webInstances(envId)).kept;
    expect(kept).toHaveLength(3);
    // Not due yet: nothing is queued.
    expect(await queueDueRetirements(world.db, world.queues.get)).toEqual([]);
    await world.db.instance.updateMany({ where: { id: { in: kept.map((k) => k.id) } }, data: { terminateAfter: new Date(Date.now() - 1000) } });
    const [runId] = await queueDueRetirements(world.db, world.queues.get);
    expect(runId).toBeDefined();
    await eventually(async () => ((await world.db.run.findUniqueOrThrow({ where: { id: runId! } })).state === "succeeded" ? true : undefined), { what: "retire run" });
    expect((await webInstances(envId)).kept).toEqual([]);
    expect((await webInstances(envId)).live).toHaveLength(3);
    expect((await world.db.environment.findUniqueOrThrow({ where: { id: envId } })).state).toBe("ready");
  }, 60_000);

  it("runs two deploys requested at once on one environment one after the other, and rolls back with a launch after the grace", async () => {
    await readyEnvironment("dep-queue");
    const svc = await service("queue-web");
    await release(svc.id, "1.0.0");
    await release(svc.id, "1.0.1");
    const [a, b] = await Promise.all([deploy(svc.id, "1.0.0", "dep-queue", { type: "blue-green", graceMinutes: 0 }), deploy(svc.id, "1.0.1", "dep-queue", { type: "blue-green", graceMinutes: 0 })]);
    const [da, db] = await Promise.all([finished(a), finished(b)]);
    expect([da.state, db.state]).toEqual(["succeeded", "succeeded"]);
    const [first, second] = [da, db].sort((x, y) => x.startedAt!.getTime() - y.startedAt!.getTime());
    expect(second!.startedAt!.getTime()).toBeGreaterThanOrEqual(first!.finishedAt!.getTime());

    // Rolling back the later one after its grace (none here) launches the earlier release again.
    const rollback = await rollbackDeployment(world.db, world.developer, { deploymentId: second!.id });
    await world.relay(rollback.outbox!);
    const rolledBack = await finished(rollback.deploymentId);
    expect(rolledBack).toMatchObject({ state: "succeeded", rollbackOfId: second!.id, releaseId: first!.releaseId, fromReleaseId: second!.releaseId });
    expect(await world.db.cloudOperation.count({ where: { runId: rolledBack.runId!, action: "RunInstances" } })).toBe(1);
    const env = await world.db.environment.findFirstOrThrow({ where: { liveName: "dep-queue" } });
    const live = (await webInstances(env.id)).live;
    expect(live).toHaveLength(3);
    expect(live.every((i) => i.releaseId === first!.releaseId && i.launchedByRunId === rolledBack.runId)).toBe(true);
  }, 120_000);
});

describe("refusing bad deployments", () => {
  it("answers 4xx at the field and writes nothing", async () => {
    await readyEnvironment("dep-refuse");
    const svc = await service("refusals-web");
    await release(svc.id, "1.0.0");
    const outsider = await userWithRole(world.db, "out@deploys.local", "other-team", "developer");
    const before = await world.db.deployment.count();
    expect(await failure(deploy(svc.id, "9.9.9", "dep-refuse"))).toMatchObject({ status: 404, issues: [{ path: "release" }] });
    expect(await failure(deploy(svc.id, "1.0.0", "no-such-env"))).toMatchObject({ status: 404, issues: [{ path: "environment" }] });
    expect(await failure(deploy(svc.id, "1.0.0", "dep-refuse", { type: "rolling", batchSize: 4 }))).toMatchObject({ status: 400, issues: [{ path: "strategy.batchSize" }] });
    // An environment made from another template (the seeded demo one), and one that is not ready.
    const other = await requestEnvironment(world.db, world.developer, { name: "dep-other", template: "web-dev", parameters: {} });
    expect(await failure(deploy(svc.id, "1.0.0", "dep-other"))).toMatchObject({ status: 409, issues: [{ path: "environment" }] });
    const notReady = await requestEnvironment(world.db, world.developer, { name: "dep-not-ready", template: "deploy-box", parameters: {} });
    expect(await failure(deploy(svc.id, "1.0.0", "dep-not-ready"))).toMatchObject({ status: 409, issues: [{ path: "environment", message: expect.stringMatching(/is requested; deploy once it is ready/) }] });
    expect([other.environmentId, notReady.environmentId]).toHaveLength(2);
    expect(await failure(requestDeployment(world.db, outsider, { service: svc.id, release: "1.0.0", environment: "dep-refuse" }))).toMatchObject({ status: 404 });
    expect(await world.db.deployment.count()).toBe(before);
  });
});
