// Terminating right after a launch: EC2 may not list the instance yet and answers NotFound,
// which must not be taken as "already gone" (that would leave it running).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CloudProvider, StateChange } from "../lib/cloud/provider";
import { newId } from "../lib/db/ids";
import { requestEnvironment } from "../lib/environments/request-environment";
import { terminateEnvironmentInstances } from "../lib/instances/terminate-environment-instances";
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
    const outcome = await terminateEnvironmentInstances({
      db: world.db, provider, cloudAccountId: world.ids.cloudAccountId, environmentId: env.environmentId, runId: env.runId, notFoundGraceMs: 180_000, log: async () => undefined,
    });
    expect(outcome).toEqual({ status: "wait", unseen: ["i-0000000000000000a"] });
    const states = Object.fromEntries((await world.db.instance.findMany({ where: { environmentId: env.environmentId } })).map((i) => [i.cloudId, i.state]));
    expect(states).toEqual({ "i-0000000000000000a": "pending", "i-0000000000000000b": "terminated", "i-0000000000000000c": "shutting-down" });
    const ops = await world.db.cloudOperation.findMany({ where: { environmentId: env.environmentId, action: "TerminateInstances" } });
    expect(ops.map((op) => op.state)).toEqual(["succeeded"]);
  });
});
