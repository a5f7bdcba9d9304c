// Bad input gets a clear 4xx with a field path, and nothing is written: no environment, run,
// outbox row or audit event.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../lib/errors";
import { destroyEnvironment } from "../lib/environments/destroy-environment";
import { getEnvironment } from "../lib/environments/get-environment";
import { requestEnvironment } from "../lib/environments/request-environment";
import { requestEnvironmentSchema } from "../lib/environments/schemas";
import { newId } from "../lib/db/ids";
import { loadCaller, type Caller } from "../lib/identity/caller";
import { createWorld, type World } from "./helpers/world";

let world: World;
let outsider: Caller;
let viewer: Caller;

beforeAll(async () => {
  world = await createWorld({ worker: false });
  const otherTeam = await world.db.team.create({ data: { id: newId(), slug: "other", name: "Other team" } });
  const outsiderUser = await world.db.user.create({ data: { id: newId(), email: "outsider@example.com", name: "Out Sider" } });
  await world.db.membership.create({ data: { userId: outsiderUser.id, teamId: otherTeam.id, role: "developer" } });
  const viewerUser = await world.db.user.create({ data: { id: newId(), email: "viewer@example.com", name: "View Er" } });
  await world.db.membership.create({ data: { userId: viewerUser.id, teamId: world.ids.teamId, role: "viewer" } });
  outsider = (await loadCaller(world.db, outsiderUser.id))!;
  viewer = (await loadCaller(world.db, viewerUser.id))!;
});
afterAll(async () => {
  await world?.close();
});

async function counts() {
  const [environments, runs, outbox, audit] = await Promise.all([
    world.db.environment.count(),
    world.db.run.count(),
    world.db.outboxMessage.count(),
    world.db.auditEvent.count(),
  ]);
  return { environments, runs, outbox, audit };
}

/** Runs the call, expects an AppError with that status and (optionally) a field path, and no writes. */
async function rejects(call: () => Promise<unknown>, status: number, path?: string): Promise<AppError> {
  const before = await counts();
  const error = await call().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  const appError = error as AppError;
  expect(appError.status).toBe(status);
  expect(appError.message.length).toBeGreaterThan(5);
  if (path) expect(appError.issues.map((i) => i.path)).toContain(path);
  expect(await counts()).toEqual(before);
  return appError;
}

describe("requesting an environment with bad input", () => {
  it("unknown template: 404 at template", async () => {
    await rejects(() => requestEnvironment(world.db, world.developer, { name: "a1", template: "no-such-template", parameters: {} }), 404, "template");
  });

  it("parameters outside the schema: 400 at each parameter's path", async () => {
    const error = await rejects(
      () => requestEnvironment(world.db, world.developer, { name: "a2", template: "web-dev", parameters: { size: "t3.enormous", branch: "bad branch!", extra: 1 } }),
      400,
    );
    expect(error.issues.map((i) => i.path).sort()).toEqual(["parameters.branch", "parameters.extra", "parameters.size"]);
    expect(error.issues.find((i) => i.path === "parameters.size")?.message).toMatch(/allowed values/);
  });

  it("wrong parameter type: 400", async () => {
    await rejects(() => requestEnvironment(world.db, world.developer, { name: "a3", template: "service-stack", parameters: { replicas: 9 } }), 400, "parameters.replicas");
    await rejects(() => requestEnvironment(world.db, world.developer, { name: "a3", template: "service-stack", parameters: { replicas: "two" } }), 400, "parameters.replicas");
  });

  it("TTL beyond the template's max, or not a duration: 400 at ttl", async () => {
    const error = await rejects(() => requestEnvironment(world.db, world.developer, { name: "a4", template: "web-dev", parameters: {}, ttl: "4d" }), 400, "ttl");
    expect(error.message).toMatch(/maximum lease of 3d/);
    await rejects(() => requestEnvironment(world.db, world.developer, { name: "a4", template: "web-dev", parameters: {}, ttl: "soon" }), 400, "ttl");
  });

  it("region the account does not offer, unknown cloud account: 4xx at the field", async () => {
    await rejects(() => requestEnvironment(world.db, world.developer, { name: "a5", template: "web-dev", parameters: {}, region: "ap-south-2" }), 400, "region");
    await rejects(() => requestEnvironment(world.db, world.developer, { name: "a5", template: "web-dev", parameters: {}, cloudAccount: "nope" }), 404, "cloudAccount");
  });

  it("duplicate name among the team's live environments: 409 at name", async () => {
    await requestEnvironment(world.db, world.developer, { name: "taken", template: "web-dev", parameters: {} });
    await rejects(() => requestEnvironment(world.db, world.admin, { name: "taken", template: "web-dev", parameters: {} }), 409, "name");
    // Another team may use the same name.
    await expect(requestEnvironment(world.db, outsider, { name: "taken", template: "web-dev", parameters: {} })).resolves.toBeTruthy();
  });

  it("a team the caller is not in: 404 at team; a viewer: 403", async () => {
    await rejects(() => requestEnvironment(world.db, world.developer, { name: "a6", template: "web-dev", parameters: {}, team: "other" }), 404, "team");
    await rejects(() => requestEnvironment(world.db, viewer, { name: "a6", template: "web-dev", parameters: {} }), 403);
  });

  it("names are validated before anything runs", () => {
    const result = requestEnvironmentSchema.safeParse({ name: "Bad Name!", template: "web-dev" });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["name"]);
    expect(requestEnvironmentSchema.safeParse({ name: "x".repeat(41), template: "web-dev" }).success).toBe(false);
    expect(requestEnvironmentSchema.safeParse({ name: "ok-name", template: "web-dev", unknown: 1 }).success).toBe(false);
  });
});

describe("destroying with bad input", () => {
  it("another team's environment is not found (404), for reads and for destroy", async () => {
    const theirs = await requestEnvironment(world.db, outsider, { name: "secret-env", template: "web-dev", parameters: {} });
    await rejects(() => getEnvironment(world.db, world.developer, theirs.environmentId), 404);
    await rejects(() => destroyEnvironment(world.db, world.developer, { environmentId: theirs.environmentId }), 404);
    await rejects(() => destroyEnvironment(world.db, world.developer, { environmentId: newId() }), 404);
  });

  it("a viewer can read but not destroy (403)", async () => {
    const mine = await requestEnvironment(world.db, world.developer, { name: "viewer-target", template: "web-dev", parameters: {} });
    await expect(getEnvironment(world.db, viewer, mine.environmentId)).resolves.toMatchObject({ canWrite: false });
    await rejects(() => destroyEnvironment(world.db, viewer, { environmentId: mine.environmentId }), 403);
  });

  it("an environment already being destroyed or destroyed: 409", async () => {
    const env = await requestEnvironment(world.db, world.developer, { name: "twice", template: "web-dev", parameters: {} });
    await destroyEnvironment(world.db, world.developer, { environmentId: env.environmentId });
    await rejects(() => destroyEnvironment(world.db, world.developer, { environmentId: env.environmentId }), 409);
    await world.db.environment.update({ where: { id: env.environmentId }, data: { state: "destroyed", liveName: null } });
    await world.db.run.updateMany({ where: { environmentId: env.environmentId }, data: { state: "succeeded" } });
    const error = await rejects(() => destroyEnvironment(world.db, world.developer, { environmentId: env.environmentId }), 409);
    expect(error.message).toMatch(/already destroyed/);
  });

  it("a destroy cancels a queued run at once and asks a running one to stop at its next step boundary", async () => {
    const queued = await requestEnvironment(world.db, world.developer, { name: "cancel-me", template: "web-dev", parameters: {} });
    const destroyQueued = await destroyEnvironment(world.db, world.developer, { environmentId: queued.environmentId });
    expect(destroyQueued.canceledRunIds).toEqual([]);
    const ended = await world.db.run.findUniqueOrThrow({ where: { id: queued.runId } });
    expect(ended).toMatchObject({ state: "canceled", cancelReason: "Superseded by a destroy requested by dev@hangar.local" });

    const running = await requestEnvironment(world.db, world.developer, { name: "cancel-me-running", template: "web-dev", parameters: {} });
    await world.db.run.update({ where: { id: running.runId }, data: { state: "running" } });
    const destroyRunning = await destroyEnvironment(world.db, world.developer, { environmentId: running.environmentId });
    // Woken by the caller so it notices now.
    expect(destroyRunning.canceledRunIds).toEqual([running.runId]);
    const flagged = await world.db.run.findUniqueOrThrow({ where: { id: running.runId } });
    expect(flagged.state).toBe("running");
    expect(flagged.cancelRequestedAt).not.toBeNull();
  });
});
