// The run engine under the cloud's real failure modes, end to end through the worker and the
// sandbox: lost responses, crashes between recording and sending, capacity errors, throttling
// storms and permanent validation errors.
import { DescribeImagesCommand, DescribeInstancesCommand, EC2Client } from "@aws-sdk/client-ec2";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { requestEnvironment } from "../lib/environments/request-environment";
import { createAwsProvider } from "../lib/cloud/aws/create-aws-provider";
import { noRateLimiter } from "../lib/cloud/rate-limit/limits";
import { newId } from "../lib/db/ids";
import { toJson } from "../lib/db/json";
import { SANDBOX_ACCESS_KEY_ID, SANDBOX_SECRET_ACCESS_KEY } from "../lib/seed/seed-demo";
import { syncTemplateSource } from "../lib/templates/publish-template-version";
import { createWorld, eventually, type World } from "./helpers/world";

let world: World;

const BAD_TYPE_TEMPLATE = `
name: Bad instance type
lease: { default: 1h, max: 2h }
instanceGroups:
  - name: web
    image: { owner: amazon, name: "al2023-ami-2023.*-x86_64" }
    instanceType: t3.galactic
`;

beforeAll(async () => {
  world = await createWorld();
});
afterAll(async () => {
  await world?.close();
});
beforeEach(() => {
  world.sandbox.config.reset({ timings: "fast", limits: "off" });
  world.sandbox.counters.reset();
});

const ec2 = () =>
  new EC2Client({ region: "us-east-1", endpoint: world.sandbox.url, credentials: { accessKeyId: SANDBOX_ACCESS_KEY_ID, secretAccessKey: SANDBOX_SECRET_ACCESS_KEY } });

async function cloudInstancesOf(environmentId: string) {
  const out = await ec2().send(new DescribeInstancesCommand({ Filters: [{ Name: "tag:hangar:env", Values: [environmentId] }] }));
  return (out.Reservations ?? []).flatMap((r) => r.Instances ?? []);
}

function calls(action: string) {
  return world.sandbox.counters.list({ action }).reduce((sum, row) => sum + row.total, 0);
}

async function settled(environmentId: string, timeoutMs = 20_000) {
  return eventually(
    async () => {
      const env = await world.db.environment.findUniqueOrThrow({ where: { id: environmentId } });
      const run = await world.db.run.findFirst({ where: { environmentId }, orderBy: { createdAt: "desc" } });
      return (env.state === "ready" || env.state === "failed") && run && run.state !== "running" && run.state !== "queued" ? env : undefined;
    },
    { timeoutMs, what: `environment ${environmentId} to settle` },
  );
}

async function request(name: string, template = "web-dev", parameters: Record<string, unknown> = {}) {
  const requested = await requestEnvironment(world.db, world.developer, { name, template, parameters });
  await world.relay(requested.outbox);
  return requested;
}

describe("provisioning under cloud faults", () => {
  it("a RunInstances response lost after it took effect launches no duplicate", async () => {
    world.sandbox.config.apply({ faults: { drops: [{ action: "RunInstances", count: 1 }] } });
    const { environmentId } = await request("lost-response");
    expect((await settled(environmentId)).state).toBe("ready");
    expect(calls("RunInstances")).toBeGreaterThanOrEqual(2);
    expect(await cloudInstancesOf(environmentId)).toHaveLength(1);
    expect(await world.db.instance.count({ where: { environmentId } })).toBe(1);
  });

  it("a crash after recording the launch but before its response resends the same ClientToken", async () => {
    // The worker recorded the operation, sent RunInstances, and died before it saw the answer.
    // Resuming the run must find the instances by resending the very same request, read back
    // from Postgres (whose JSONB does not keep the tags' key order).
    const requested = await requestEnvironment(world.db, world.developer, { name: "crashed", template: "web-dev", parameters: {} });
    const images = await ec2().send(new DescribeImagesCommand({ Owners: ["amazon"], Filters: [{ Name: "name", Values: ["al2023-ami-2023.*-x86_64"] }] }));
    const imageId = images.Images![0]!.ImageId!;
    const token = newId();
    const launch = {
      clientToken: token,
      imageId,
      instanceType: "t3.micro",
      count: 1,
      availabilityZone: "us-east-1a",
      userData: "#!/bin/bash\necho crashed",
      tags: { "hangar:env": requested.environmentId, "hangar:run": requested.runId, "hangar:managed-by": "hangar", "hangar:group": "web" },
    };
    await world.db.cloudOperation.create({
      data: { id: newId(), environmentId: requested.environmentId, runId: requested.runId, action: "RunInstances", idempotencyToken: token, request: toJson({ group: "web", ...launch }), state: "pending" },
    });
    await world.db.runStep.updateMany({ where: { runId: requested.runId, name: "resolve_images" }, data: { state: "succeeded", attempt: 1, output: toJson({ web: imageId }) } });
    // The statement that records the operation also records the step's start (its attempt).
    await world.db.runStep.updateMany({ where: { runId: requested.runId, name: "launch_instances" }, data: { state: "running", attempt: 1, startedAt: new Date() } });
    await world.db.run.update({ where: { id: requested.runId }, data: { state: "running", startedAt: new Date() } });
    await world.db.environment.update({ where: { id: requested.environmentId }, data: { state: "provisioning", activeRunId: requested.runId } });
    const provider = createAwsProvider({ kind: "sandbox", accountId: world.ids.cloudAccountId, region: "us-east-1", endpoint: world.sandbox.url, credentials: { accessKeyId: SANDBOX_ACCESS_KEY_ID, secretAccessKey: SANDBOX_SECRET_ACCESS_KEY }, rateLimiter: noRateLimiter });
    const original = await provider.launch(launch);
    provider.destroy();

    await world.relay(requested.outbox);
    const env = await settled(requested.environmentId);
    expect(env.failureReason).toBeNull();
    expect(env.state).toBe("ready");
    const instances = await cloudInstancesOf(requested.environmentId);
    expect(instances.map((i) => i.InstanceId)).toEqual(original.instances.map((i) => i.id));
    const ops = await world.db.cloudOperation.findMany({ where: { environmentId: requested.environmentId } });
    expect(ops.map((op) => [op.idempotencyToken, op.state])).toEqual([[token, "succeeded"]]);
  });

  it("no capacity in the first zone falls back to the template's next zone", async () => {
    world.sandbox.config.apply({ faults: { capacity: [{ zone: "us-east-1a" }] } });
    const { environmentId } = await request("capacity-fallback");
    expect((await settled(environmentId)).state).toBe("ready");
    const [instance] = await cloudInstancesOf(environmentId);
    expect(instance?.Placement?.AvailabilityZone).toBe("us-east-1b");
    const ops = await world.db.cloudOperation.findMany({ where: { environmentId }, orderBy: { createdAt: "asc" } });
    expect(ops.map((op) => op.state)).toEqual(["failed", "succeeded"]);
    const logs = await world.db.runLog.findMany({ where: { run: { environmentId } } });
    expect(logs.some((l) => /No capacity for t3\.micro in us-east-1a/.test(l.message))).toBe(true);
  });

  it("no capacity anywhere the template allows fails the step with a clear message", async () => {
    world.sandbox.config.apply({ faults: { capacity: ["a", "b", "c", "d", "e", "f"].map((z) => ({ zone: `us-east-1${z}` })) } });
    const { environmentId } = await request("no-capacity");
    const env = await settled(environmentId);
    expect(env.state).toBe("failed");
    expect(env.failedStep).toBe("launch_instances");
    expect(env.failureReason).toMatch(/No capacity for group web: tried t3\.micro in us-east-1a, .*t3a\.micro in us-east-1c/);
    expect(await cloudInstancesOf(environmentId)).toHaveLength(0);
  });

  it("a validation error is permanent: one call, failed step, no retries", async () => {
    await syncTemplateSource(world.db, { system: "test" }, { slug: "bad-type", source: BAD_TYPE_TEMPLATE });
    const { environmentId } = await request("bad-type", "bad-type");
    const env = await settled(environmentId);
    expect(env.state).toBe("failed");
    expect(env.failedStep).toBe("launch_instances");
    expect(env.failureReason).toMatch(/InvalidParameterValue/);
    expect(calls("RunInstances")).toBe(1);
  });

  it("a throttling storm (EC2 limits on) brings every environment to ready with no throttling seen", async () => {
    world.sandbox.config.apply({ limits: "aws" });
    await world.db.cloudAccount.update({ where: { id: world.ids.cloudAccountId }, data: { rateLimitMode: "aws" } });
    // Workers cache providers per account for 30 s; a fresh worker sees the new mode at once.
    await world.worker?.close();
    await world.startWorker();
    try {
      const envs = await Promise.all(Array.from({ length: 12 }, (_, i) => request(`storm-${i}`)));
      const settledEnvs = await Promise.all(envs.map((e) => settled(e.environmentId, 40_000)));
      expect(settledEnvs.every((e) => e.state === "ready")).toBe(true);
      const throttled = world.sandbox.counters.list().filter((row) => row.errors.RequestLimitExceeded);
      expect(throttled).toEqual([]);
      expect(calls("RunInstances")).toBe(12);
      // Launches beyond EC2's burst waited for the budget parked, not holding worker slots.
      const parked = await world.db.runLog.count({ where: { message: { contains: "Queued for the cloud account's launch budget" }, run: { environmentId: { in: envs.map((e) => e.environmentId) } } } });
      expect(parked).toBeGreaterThan(0);
    } finally {
      await world.db.cloudAccount.update({ where: { id: world.ids.cloudAccountId }, data: { rateLimitMode: "off" } });
      await world.worker?.close();
      await world.startWorker();
    }
  }, 60_000);

  it("without the client-side limiter, throttled calls are retried until every environment is ready", async () => {
    world.sandbox.config.apply({ limits: { runInstances: { burst: 2, refillPerSecond: 4 } } });
    const envs = await Promise.all(Array.from({ length: 8 }, (_, i) => request(`retry-storm-${i}`)));
    const settledEnvs = await Promise.all(envs.map((e) => settled(e.environmentId, 40_000)));
    expect(settledEnvs.every((e) => e.state === "ready")).toBe(true);
    const throttled = world.sandbox.counters.list({ action: "RunInstances" }).reduce((sum, row) => sum + (row.errors.RequestLimitExceeded ?? 0), 0);
    expect(throttled).toBeGreaterThan(0);
    const launched = (await Promise.all(envs.map((e) => cloudInstancesOf(e.environmentId)))).flat();
    expect(launched).toHaveLength(8);
  }, 60_000);
});
