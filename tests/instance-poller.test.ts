// The poller's decisions against real Postgres: eventual consistency right after launch, gone
// after the grace window, batched updates, which parked runs it wakes, and its interval.
// The cloud side is a fixed answer behind the CloudProvider interface (what the sandbox would
// say), so each rule is exercised deterministically.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CloudInstance, CloudProvider } from "../lib/cloud/provider";
import { newId } from "../lib/db/ids";
import { InstancePoller } from "../lib/instances/instance-poller";
import { requestEnvironment } from "../lib/environments/request-environment";
import { silentNotifier } from "../lib/runs/run-events";
import { createWorld, type World } from "./helpers/world";

let world: World;
let answer: CloudInstance[] = [];
const describeCalls: { ids: string[]; exceptStates?: string[] }[] = [];

const provider = {
  region: "us-east-1",
  async describeInstances(query: { ids: string[]; exceptStates?: string[] }) {
    describeCalls.push(query);
    return answer.filter((instance) => query.ids.includes(instance.id) && !query.exceptStates?.includes(instance.state));
  },
} as unknown as CloudProvider;

function poller(woken: string[], now = () => new Date()) {
  return new InstancePoller({
    db: world.db,
    providers: { providerFor: async () => provider },
    notifier: silentNotifier,
    wakeRun: async (runId) => {
      woken.push(runId);
      return true;
    },
    minIntervalMs: 500,
    maxIntervalMs: 5000,
    notFoundGraceMs: 60_000,
    random: () => 0.5,
    now,
  });
}

async function addInstance(environmentId: string, runId: string, cloudId: string, launchedAgoMs: number, state = "pending") {
  const launchedAt = new Date(Date.now() - launchedAgoMs);
  return world.db.instance.create({
    data: {
      id: newId(),
      environmentId,
      cloudAccountId: world.ids.cloudAccountId,
      region: "us-east-1",
      groupName: "web",
      cloudId,
      instanceType: "t3.micro",
      imageId: "ami-0123456789abcdef0",
      state,
      clientToken: newId(),
      launchedByRunId: runId,
      launchedAt,
      stateChangedAt: launchedAt,
    },
  });
}

beforeAll(async () => {
  world = await createWorld({ worker: false });
});
afterAll(async () => {
  await world?.close();
});

describe("instance poller", () => {
  it("asks only for changes of young instances, takes a full look at old pending ones, and tells eventual consistency from gone", async () => {
    const env = await requestEnvironment(world.db, world.developer, { name: "poll-1", template: "web-dev", parameters: {} });
    const fresh = await addInstance(env.environmentId, env.runId, "i-00000000000000001", 1000);
    const old = await addInstance(env.environmentId, env.runId, "i-00000000000000002", 10 * 60_000);
    const visible = await addInstance(env.environmentId, env.runId, "i-00000000000000003", 5000);
    const stillPending = await addInstance(env.environmentId, env.runId, "i-00000000000000004", 3000);
    answer = [
      { id: "i-00000000000000003", state: "running", instanceType: "t3.micro", imageId: "ami-0123456789abcdef0", privateIp: "10.0.0.7", publicIp: "3.3.3.3", availabilityZone: "us-east-1b", tags: {} },
      { id: "i-00000000000000004", state: "pending", instanceType: "t3.micro", imageId: "ami-0123456789abcdef0", tags: {} },
    ];
    describeCalls.length = 0;

    const result = await poller([]).tick();
    expect(describeCalls.map((call) => ({ ...call, ids: [...call.ids].sort() }))).toEqual([
      { ids: ["i-00000000000000001", "i-00000000000000003", "i-00000000000000004"], exceptStates: ["pending"] },
      { ids: ["i-00000000000000002"] },
    ]);
    expect(result.changed).toBe(2);
    const rows = Object.fromEntries((await world.db.instance.findMany({ where: { environmentId: env.environmentId } })).map((r) => [r.id, r]));
    expect(rows[fresh.id]).toMatchObject({ state: "pending", lastSeenAt: null });
    expect(rows[stillPending.id]).toMatchObject({ state: "pending", lastSeenAt: null });
    expect(rows[old.id]).toMatchObject({ state: "terminated" });
    expect(rows[visible.id]).toMatchObject({ state: "running", privateIp: "10.0.0.7", publicIp: "3.3.3.3", availabilityZone: "us-east-1b" });
    expect(rows[visible.id]!.lastSeenAt).not.toBeNull();
    expect(rows[visible.id]!.stateChangedAt.getTime()).toBeGreaterThan(visible.stateChangedAt.getTime());
  });

  it("wakes a parked run once its environment has no transitioning instance, and a run asked to cancel at once", async () => {
    const waiting = await requestEnvironment(world.db, world.developer, { name: "poll-2", template: "web-dev", parameters: {} });
    const stillPending = await requestEnvironment(world.db, world.developer, { name: "poll-3", template: "web-dev", parameters: {} });
    const canceled = await requestEnvironment(world.db, world.developer, { name: "poll-4", template: "web-dev", parameters: {} });
    for (const env of [waiting, stillPending, canceled]) {
      await world.db.run.update({ where: { id: env.runId }, data: { state: "running" } });
      await world.db.runStep.updateMany({ where: { runId: env.runId, name: "wait_for_running" }, data: { state: "waiting" } });
    }
    await addInstance(waiting.environmentId, waiting.runId, "i-00000000000000011", 5000, "running");
    await addInstance(stillPending.environmentId, stillPending.runId, "i-00000000000000012", 5000);
    await addInstance(canceled.environmentId, canceled.runId, "i-00000000000000013", 5000);
    await world.db.run.update({ where: { id: canceled.runId }, data: { cancelRequestedAt: new Date() } });
    answer = [];

    // A launch parked for the account's request budget is not the poller's to wake.
    const budget = await requestEnvironment(world.db, world.developer, { name: "poll-budget", template: "web-dev", parameters: {} });
    await world.db.run.update({ where: { id: budget.runId }, data: { state: "running" } });
    await world.db.runStep.updateMany({ where: { runId: budget.runId, name: "launch_instances" }, data: { state: "waiting" } });

    const woken: string[] = [];
    await poller(woken).tick();
    expect(woken).toContain(waiting.runId);
    expect(woken).toContain(canceled.runId);
    expect(woken).not.toContain(stillPending.runId);
    expect(woken).not.toContain(budget.runId);
  });

  it("polls fast while young instances are pending, calmer while they only terminate, and slowly when idle", async () => {
    await world.db.instance.updateMany({ data: { state: "terminated" } });
    const woken: string[] = [];
    const idle = poller(woken);
    expect((await idle.tick()).nextDelayMs).toBe(5000);

    const env = await requestEnvironment(world.db, world.developer, { name: "poll-5", template: "web-dev", parameters: {} });
    await addInstance(env.environmentId, env.runId, "i-00000000000000021", 1000);
    expect((await idle.tick()).nextDelayMs).toBe(500);

    // An old instance that is only shutting down: the interval backs off by half each quiet pass.
    await world.db.instance.updateMany({ where: { environmentId: env.environmentId }, data: { state: "shutting-down", launchedAt: new Date(Date.now() - 600_000), lastSeenAt: new Date() } });
    answer = [{ id: "i-00000000000000021", state: "shutting-down", instanceType: "t3.micro", imageId: "ami-0123456789abcdef0", tags: {} }];
    const settling = poller(woken);
    const first = await settling.tick();
    const second = await settling.tick();
    expect(first.nextDelayMs).toBe(750);
    expect(second.nextDelayMs).toBe(1125);
  });
});
