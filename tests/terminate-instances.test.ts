// Terminating right after a launch: EC2 may not list the instance yet and answers NotFound,
// which must not be taken as "already gone" (that would leave it running).
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { CloudProvider, StateChange } from "../lib/cloud/provider";
import { newId } from "../lib/db/ids";
import { requestEnvironment } from "../lib/environments/request-environment";
import { terminateEnvironmentInstances } from "../lib/instances/terminate-environment-instances";
import { directWrites } from "./helpers/direct-writes";
import { createWorld, type World } from "./helpers/world";

let world: World;
beforeAll(async () => {
  world = await createWorld({ worker: false });
});
afterAll(async () => {
  await world?.close();
});

async function instance(environmentId: string, runId: string, cloudId: string, launchedAgoMs: number) {
  const launchedAt = new Date(Date.now() - launchedAgoMs);
  await world.db.instance.create({
    data: { id: newId(), environmentId, cloudAccountId: world.ids.cloudAccountId, region: "us-east-1", groupName: "web", cloudId, instanceType: "t3.micro", imageId: "ami-0123456789abcdef0", state: "pending", clientToken: newId(), launchedByRunId: runId, launchedAt, stateChangedAt: launchedAt },
  });
}

describe("terminating an environment's instances", () => {
  it("waits for an instance the cloud does not know yet, and treats an old unknown one as gone", async () => {
    const env = await requestEnvironment(world.db, world.developer, { name: "term-1", template: "web-dev", parameters: {} });
    await instance(env.environmentId, env.runId, "i-0000000000000000a", 1000);
    await instance(env.environmentId, env.runId, "i-0000000000000000b", 600_000);
    await instance(env.environmentId, env.runId, "i-0000000000000000c", 5000);
    const terminate = async (ids: string[]): Promise<StateChange[]> =>
      ids.map((id) => (id.endsWith("c") ? { id, previousState: "pending", currentState: "shutting-down" } : { id, currentState: "terminated" }));
    const provider = { region: "us-east-1", terminate } as unknown as CloudProvider;
    const writes = directWrites(world.db);
    const outcome = await terminateEnvironmentInstances({
      db: world.db, provider, cloudAccountId: world.ids.cloudAccountId, environmentId: env.environmentId, runId: env.runId, notFoundGraceMs: 180_000, log: () => undefined, ...writes,
    });
    await writes.flush();
    expect(outcome).toEqual({ status: "wait", unseen: ["i-0000000000000000a"] });
    const states = Object.fromEntries((await world.db.instance.findMany({ where: { environmentId: env.environmentId } })).map((i) => [i.cloudId, i.state]));
    expect(states).toEqual({ "i-0000000000000000a": "pending", "i-0000000000000000b": "terminated", "i-0000000000000000c": "shutting-down" });
    const ops = await world.db.cloudOperation.findMany({ where: { environmentId: env.environmentId, action: "TerminateInstances" } });
    expect(ops.map((op) => op.state)).toEqual(["succeeded"]);
  });

  it("finds what launches with lost answers started by their tag and token, without launching again", async () => {
    const env = await requestEnvironment(world.db, world.developer, { name: "term-2", template: "web-dev", parameters: {} });
    const operation = async (token: string, agoMs: number) =>
      world.db.cloudOperation.create({
        data: {
          id: newId(), environmentId: env.environmentId, runId: env.runId, action: "RunInstances", idempotencyToken: token, state: "pending", createdAt: new Date(Date.now() - agoMs),
          request: { group: "web", clientToken: token, imageId: "ami-0123456789abcdef0", instanceType: "t3.micro", count: 1, tags: {} },
        },
      });
    await operation("tok-reached", 5_000); // reached EC2: its instance carries the token
    await operation("tok-never", 600_000); // never reached EC2, long ago
    await operation("tok-young", 2_000); // nothing listed yet, but it may still appear
    const launch = vi.fn();
    const describeInstances = vi.fn(async () => [
      { id: "i-0000000000000000d", state: "pending", instanceType: "t3.micro", imageId: "ami-0123456789abcdef0", clientToken: "tok-reached", tags: {} },
      { id: "i-0000000000000000e", state: "running", instanceType: "t3.micro", imageId: "ami-0123456789abcdef0", clientToken: "someone-else", tags: {} },
    ]);
    const terminate = async (ids: string[]): Promise<StateChange[]> => ids.map((id) => ({ id, previousState: "pending", currentState: "shutting-down" }));
    const provider = { region: "us-east-1", terminate, describeInstances, launch } as unknown as CloudProvider;
    const writes = directWrites(world.db);
    const outcome = await terminateEnvironmentInstances({
      db: world.db, provider, cloudAccountId: world.ids.cloudAccountId, environmentId: env.environmentId, runId: env.runId, notFoundGraceMs: 180_000, log: () => undefined, ...writes,
    });
    await writes.flush();

    expect(launch).not.toHaveBeenCalled();
    expect(describeInstances).toHaveBeenCalledWith({ tags: { "hangar:env": env.environmentId } });
    expect(outcome).toEqual({ status: "wait", unseen: ["tok-young"] });
    const instances = await world.db.instance.findMany({ where: { environmentId: env.environmentId } });
    expect(instances.map((i) => [i.cloudId, i.state, i.clientToken])).toEqual([["i-0000000000000000d", "shutting-down", "tok-reached"]]);
    const ops = Object.fromEntries((await world.db.cloudOperation.findMany({ where: { environmentId: env.environmentId, action: "RunInstances" } })).map((op) => [op.idempotencyToken, op.state]));
    expect(ops).toEqual({ "tok-reached": "succeeded", "tok-never": "failed", "tok-young": "pending" });
  });
});
