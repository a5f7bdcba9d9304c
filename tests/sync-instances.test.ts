// What one Describe pass writes (planSync, then the pass's one statement): nothing over a row
// another writer moved on meanwhile (a stale answer must not undo terminate), and a fresh
// sighting of long-unchanged instances (the "gone" grace runs from the last sighting).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CloudInstance } from "../lib/cloud/provider";
import { newId } from "../lib/db/ids";
import { requestEnvironment } from "../lib/environments/request-environment";
import { applyPollerPass } from "../lib/instances/instance-waits";
import { planSync, type TrackedInstance } from "../lib/instances/sync-instances";
import { createWorld, type World } from "./helpers/world";

let world: World;
beforeAll(async () => {
  world = await createWorld({ worker: false });
});
afterAll(async () => {
  await world?.close();
});

async function row(name: string, cloudId: string, state: string, lastSeenAt: Date | null) {
  const { environmentId, runId } = await requestEnvironment(world.db, world.developer, { name, template: "web-dev", parameters: {} });
  const launchedAt = new Date(Date.now() - 300_000);
  return world.db.instance.create({
    data: { id: newId(), environmentId, cloudAccountId: world.ids.cloudAccountId, region: "us-east-1", groupName: "web", cloudId, instanceType: "t3.micro", imageId: "ami-0123456789abcdef0", state, clientToken: newId(), launchedByRunId: runId, launchedAt, stateChangedAt: launchedAt, lastSeenAt },
  });
}

const tracked = (r: Awaited<ReturnType<typeof row>>, state: string): TrackedInstance => ({ ...r, state });
const cloud = (id: string, state: CloudInstance["state"]): CloudInstance => ({ id, state, instanceType: "t3.micro", imageId: "ami-0123456789abcdef0", tags: {} });

async function syncInstances(tracked: TrackedInstance[], seen: CloudInstance[], options: { now: Date; notFoundGraceMs: number }) {
  const plan = planSync(tracked, seen, options);
  await applyPollerPass(world.db, plan.rows, options.now);
  return plan.result;
}

describe("syncInstances", () => {
  it("does not write over a row that changed after the pass read it", async () => {
    const r = await row("sync-stale", "i-00000000000000a01", "shutting-down", new Date());
    // The pass read it as pending; terminate then wrote shutting-down; the answer says running.
    await syncInstances([tracked(r, "pending")], [cloud(r.cloudId, "running")], { now: new Date(), notFoundGraceMs: 180_000 });
    expect((await world.db.instance.findUniqueOrThrow({ where: { id: r.id } })).state).toBe("shutting-down");
  });

  it("refreshes the last sighting of an unchanged instance, so one missing answer later is not 'gone'", async () => {
    const seenLongAgo = new Date(Date.now() - 170_000);
    const r = await row("sync-seen", "i-00000000000000a02", "pending", seenLongAgo);
    const now = new Date();
    await syncInstances([tracked(r, "pending")], [cloud(r.cloudId, "pending")], { now, notFoundGraceMs: 180_000 });
    const refreshed = await world.db.instance.findUniqueOrThrow({ where: { id: r.id } });
    expect(refreshed.lastSeenAt?.getTime()).toBe(now.getTime());

    // 20 s later the cloud leaves it out once: still within the grace of its last sighting.
    const later = new Date(now.getTime() + 20_000);
    const result = await syncInstances([{ ...tracked(refreshed, "pending") }], [], { now: later, notFoundGraceMs: 180_000 });
    expect(result).toMatchObject({ missing: 1, gone: 0 });
    expect((await world.db.instance.findUniqueOrThrow({ where: { id: r.id } })).state).toBe("pending");
  });
});
