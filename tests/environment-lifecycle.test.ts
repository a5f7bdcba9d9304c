// The whole path on real Postgres, Redis and the sandbox over HTTP: request -> provision run
// (launch with ClientToken + tags, batched polling, outputs) -> ready -> destroy -> destroyed.
import { DescribeInstancesCommand, EC2Client } from "@aws-sdk/client-ec2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { destroyEnvironment } from "../lib/environments/destroy-environment";
import { getEnvironment } from "../lib/environments/get-environment";
import { requestEnvironment } from "../lib/environments/request-environment";
import { SANDBOX_ACCESS_KEY_ID, SANDBOX_SECRET_ACCESS_KEY } from "../lib/seed/seed-demo";
import { createWorld, eventually, type World } from "./helpers/world";

let world: World;

beforeAll(async () => {
  world = await createWorld();
});
afterAll(async () => {
  await world?.close();
});

function ec2(): EC2Client {
  return new EC2Client({
    region: "us-east-1",
    endpoint: world.sandbox.url,
    credentials: { accessKeyId: SANDBOX_ACCESS_KEY_ID, secretAccessKey: SANDBOX_SECRET_ACCESS_KEY },
  });
}

describe("environment lifecycle", () => {
  it("provisions a multi-group environment to ready and destroys it", async () => {
    const requested = await requestEnvironment(world.db, world.developer, {
      name: "stack-1",
      template: "service-stack",
      parameters: { replicas: 2 },
      ttl: "2h",
    });
    await world.relay(requested.outbox);

    const ready = await eventually(
      async () => {
        const env = await getEnvironment(world.db, world.developer, requested.environmentId);
        if (env.state === "failed") throw new Error(env.failureReason ?? "failed");
        // mark_ready is the last step; the run itself is finished a moment later.
        return env.state === "ready" && env.runs[0]?.state === "succeeded" ? env : undefined;
      },
      { what: "environment to be ready" },
    );
    expect(ready.instances).toHaveLength(3);
    expect(ready.instances.every((i) => i.state === "running" && i.privateIp)).toBe(true);
    // The app tier is reachable; the database asked for no public address (publicIp: false).
    expect(ready.instances.filter((i) => i.publicIp).map((i) => i.group)).toEqual(["app", "app"]);
    expect(ready.outputs.app_url).toMatch(/^http:\/\/\d+\.\d+\.\d+\.\d+$/);
    expect(ready.outputs.db_host).toBe(ready.instances.find((i) => i.group === "db")?.privateIp);
    const provision = ready.runs.find((r) => r.kind === "provision")!;
    expect(provision.state).toBe("succeeded");
    expect(provision.steps.map((s) => [s.name, s.state])).toEqual([
      ["resolve_images", "succeeded"],
      ["launch_instances", "succeeded"],
      ["wait_for_running", "succeeded"],
      ["record_outputs", "succeeded"],
      ["mark_ready", "succeeded"],
    ]);

    // Tags were applied on create, and every launch was recorded with its token before it was sent.
    const described = await ec2().send(new DescribeInstancesCommand({ Filters: [{ Name: "tag:hangar:env", Values: [requested.environmentId] }] }));
    const cloudInstances = described.Reservations!.flatMap((r) => r.Instances!);
    expect(cloudInstances).toHaveLength(3);
    for (const instance of cloudInstances) {
      const tags = Object.fromEntries(instance.Tags!.map((t) => [t.Key, t.Value]));
      expect(tags["hangar:run"]).toBe(requested.runId);
      expect(tags["hangar:managed-by"]).toBe("hangar");
    }
    const operations = await world.db.cloudOperation.findMany({ where: { environmentId: requested.environmentId, action: "RunInstances" } });
    expect(operations).toHaveLength(2);
    expect(operations.every((op) => op.state === "succeeded")).toBe(true);
    const tokens = new Set(cloudInstances.map((i) => i.ClientToken));
    expect(tokens).toEqual(new Set(operations.map((op) => op.idempotencyToken)));

    const destroy = await destroyEnvironment(world.db, world.developer, { environmentId: requested.environmentId });
    await world.relay(destroy.outbox);
    const destroyed = await eventually(
      async () => {
        const env = await getEnvironment(world.db, world.developer, requested.environmentId);
        return env.state === "destroyed" && env.runs[0]?.state === "succeeded" ? env : undefined;
      },
      { what: "environment to be destroyed" },
    );
    expect(destroyed.instances.every((i) => i.state === "terminated")).toBe(true);
    const after = await ec2().send(new DescribeInstancesCommand({ Filters: [{ Name: "tag:hangar:env", Values: [requested.environmentId] }] }));
    expect(after.Reservations!.flatMap((r) => r.Instances!).every((i) => i.State?.Name === "terminated")).toBe(true);

    const audit = await world.db.auditEvent.findMany({ where: { targetId: requested.environmentId }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["environment.request", "environment.destroy"]);
    expect(audit[0]!.actorEmail).toBe("dev@hangar.local");
  });

  it("frees the name after destroy so it can be reused", async () => {
    const first = await requestEnvironment(world.db, world.developer, { name: "reuse-me", template: "web-dev", parameters: {} });
    const destroy = await destroyEnvironment(world.db, world.developer, { environmentId: first.environmentId });
    await world.relay(first.outbox);
    await world.relay(destroy.outbox);
    await eventually(async () => ((await world.db.environment.findUnique({ where: { id: first.environmentId } }))?.state === "destroyed" ? true : undefined), {
      what: "destroyed",
    });
    const again = await requestEnvironment(world.db, world.developer, { name: "reuse-me", template: "web-dev", parameters: {} });
    expect(again.environmentId).not.toBe(first.environmentId);
  });
});
