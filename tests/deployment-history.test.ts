// Deploy history on real Postgres, with deployments inserted directly (the deploy engine is not
// needed to read history): the list is newest first in keyset pages that walk forward and back,
// filters by service, environment, release, person, result and date range, searches, and is
// scoped to the caller's teams (another team's deployment is not listed and is a 404); bad
// filters are 400s at their query field. One deployment's view has its diff against the release
// it replaced and its place in the environment's queue; the export streams the same rows.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../lib/db/client";
import { newId } from "../lib/db/ids";
import { getDeployment } from "../lib/deployments/get-deployment";
import { exportDeployments } from "../lib/deployments/export-deployments";
import { exportDeploymentsSchema, listDeploymentsSchema } from "../lib/deployments/history-schemas";
import { listDeployments } from "../lib/deployments/list-deployments";
import { invalidFromZod } from "../lib/errors/zod-issues";
import type { Caller } from "../lib/identity/caller";
import { createRelease } from "../lib/releases/create-release";
import { createReleaseSchema } from "../lib/releases/schemas";
import { createService } from "../lib/services/create-service";
import { createServiceSchema } from "../lib/services/schemas";
import { failure, userWithRole } from "./helpers/callers";
import { createWorld, type World } from "./helpers/world";

let world: World;
let developer: Caller;
let viewer: Caller;
let outsider: Caller;
const ids = { service: "", other: "", staging: "", prod: "", foreignEnv: "", foreignService: "", releases: {} as Record<string, string> };
const deployments: Record<string, string> = {};

const list = (caller: Caller, query: Record<string, unknown> = {}) => listDeployments(world.db, caller, listDeploymentsSchema.parse(query));
const at = (day: number, hour = 12) => new Date(Date.UTC(2026, 10, day, hour));

async function insertEnvironment(db: Db, name: string, teamId: string, ownerId: string): Promise<string> {
  const version = await db.templateVersion.findFirstOrThrow({ where: { template: { slug: "web-dev" } }, orderBy: { version: "desc" } });
  const id = newId();
  await db.environment.create({
    data: {
      id,
      name,
      liveName: name,
      teamId,
      ownerId,
      templateVersionId: version.id,
      cloudAccountId: world.ids.cloudAccountId,
      region: "us-east-1",
      parameters: {},
      plan: { groups: [{ name: "web", count: 2 }] },
      state: "ready",
      expiresAt: new Date(Date.now() + 86_400_000),
    },
  });
  return id;
}

async function insertDeployment(fields: { key: string; service?: string; release: string; from?: string; environment: string; state: string; createdAt: Date; by?: string; minutes?: number; rollbackOf?: string; runId?: string; teamId?: string }) {
  const id = newId();
  const finished = ["succeeded", "failed", "rolled_back", "canceled"].includes(fields.state);
  await world.db.deployment.create({
    data: {
      id,
      serviceId: fields.service ?? ids.service,
      teamId: fields.teamId ?? world.ids.teamId,
      releaseId: ids.releases[fields.release]!,
      fromReleaseId: fields.from ? ids.releases[fields.from]! : null,
      environmentId: fields.environment,
      runId: fields.runId ?? null,
      strategy: { type: "rolling", batchSize: 1, maxUnavailable: 0 },
      state: fields.state as "succeeded",
      source: fields.rollbackOf ? "rollback" : "api",
      rollbackOfId: fields.rollbackOf ? deployments[fields.rollbackOf]! : null,
      reason: fields.state === "rolled_back" ? "health gate failed on i-123: HTTP 500" : null,
      requestedById: fields.by ?? developer.userId,
      createdAt: fields.createdAt,
      startedAt: fields.state === "queued" ? null : new Date(fields.createdAt.getTime() + 1000),
      finishedAt: finished ? new Date(fields.createdAt.getTime() + 1000 + (fields.minutes ?? 2) * 60_000) : null,
    },
  });
  deployments[fields.key] = id;
  return id;
}

beforeAll(async () => {
  world = await createWorld({ worker: false });
  developer = world.developer;
  viewer = await userWithRole(world.db, "hist-viewer@test.local", "demo", "viewer");
  outsider = await userWithRole(world.db, "hist-outsider@test.local", "elsewhere", "developer");
  const service = await createService(world.db, developer, createServiceSchema.parse({ name: "checkout", template: "web-dev", instanceGroup: "web" }));
  const other = await createService(world.db, developer, createServiceSchema.parse({ name: "search", template: "web-dev", instanceGroup: "web" }));
  const foreign = await createService(world.db, outsider, createServiceSchema.parse({ name: "checkout", template: "web-dev", instanceGroup: "web" }));
  ids.service = service.id;
  ids.other = other.id;
  ids.foreignService = foreign.id;
  const releases: [string, string, Record<string, string>, string][] = [
    [service.id, "1.0.0", { MODE: "a", OLD: "x" }, "first"],
    [service.id, "1.1.0", { MODE: "a" }, "middle fix"],
    [service.id, "1.2.0", { MODE: "b", NEW: "y" }, "new checkout page"],
    [other.id, "7.0.0", {}, ""],
  ];
  for (const [serviceId, version, config, changelog] of releases) {
    const created = await createRelease(world.db, developer, { ...createReleaseSchema.parse({ version, artifact: `ghcr.io/acme/web:${version}`, config, changelog }), service: serviceId });
    ids.releases[version] = created.id;
  }
  const foreignRelease = await createRelease(world.db, outsider, { ...createReleaseSchema.parse({ version: "9.9.9", artifact: "ghcr.io/else/web:9.9.9" }), service: foreign.id });
  ids.releases["9.9.9"] = foreignRelease.id;
  ids.staging = await insertEnvironment(world.db, "staging", world.ids.teamId, developer.userId);
  ids.prod = await insertEnvironment(world.db, "prod", world.ids.teamId, developer.userId);
  const elsewhere = await world.db.team.findUniqueOrThrow({ where: { slug: "elsewhere" } });
  ids.foreignEnv = await insertEnvironment(world.db, "prod", elsewhere.id, outsider.userId);

  await insertDeployment({ key: "s1", release: "1.0.0", environment: ids.staging, state: "succeeded", createdAt: at(1) });
  await insertDeployment({ key: "p1", release: "1.0.0", environment: ids.prod, state: "succeeded", createdAt: at(2) });
  await insertDeployment({ key: "s2", release: "1.1.0", from: "1.0.0", environment: ids.staging, state: "succeeded", createdAt: at(3) });
  await insertDeployment({ key: "p2", release: "1.2.0", from: "1.0.0", environment: ids.prod, state: "rolled_back", createdAt: at(4), by: world.ids.adminId });
  await insertDeployment({ key: "p3", release: "1.0.0", from: "1.2.0", environment: ids.prod, state: "succeeded", createdAt: at(5), rollbackOf: "p2", by: world.ids.adminId });
  await insertDeployment({ key: "s3", release: "1.2.0", from: "1.1.0", environment: ids.staging, state: "failed", createdAt: at(6) });
  await insertDeployment({ key: "o1", service: other.id, release: "7.0.0", environment: ids.staging, state: "succeeded", createdAt: at(7) });
  await insertDeployment({ key: "f1", service: foreign.id, teamId: elsewhere.id, release: "9.9.9", environment: ids.foreignEnv, state: "succeeded", createdAt: at(8), by: outsider.userId });
});
afterAll(async () => {
  await world?.close();
});

const keys = (items: { id: string }[]) => items.map((item) => Object.entries(deployments).find(([, id]) => id === item.id)?.[0]);

describe("the history list", () => {
  it("is newest first, scoped to the caller's teams, with the row's facts", async () => {
    const page = await list(developer);
    expect(keys(page.items)).toEqual(["o1", "s3", "p3", "p2", "s2", "p1", "s1"]);
    expect(page).toMatchObject({ total: 7, totalCapped: false, nextCursor: null, prevCursor: null });
    const p3 = page.items.find((item) => item.id === deployments.p3)!;
    expect(p3).toMatchObject({
      service: { name: "checkout" },
      release: { version: "1.0.0" },
      fromRelease: { version: "1.2.0" },
      environment: { name: "prod" },
      strategy: "rolling",
      state: "succeeded",
      source: "rollback",
      rollbackOf: deployments.p2,
      requestedBy: { email: "admin@hangar.local" },
      durationMs: 120_000,
    });
    expect(keys((await list(outsider)).items)).toEqual(["f1"]);
    expect(keys((await list(viewer)).items)).toHaveLength(7);
  });

  it("walks forward and back with cursors", async () => {
    const first = await list(developer, { limit: 3 });
    expect(keys(first.items)).toEqual(["o1", "s3", "p3"]);
    expect(first.prevCursor).toBeNull();
    const second = await list(developer, { limit: 3, cursor: first.nextCursor });
    expect(keys(second.items)).toEqual(["p2", "s2", "p1"]);
    const third = await list(developer, { limit: 3, cursor: second.nextCursor });
    expect(keys(third.items)).toEqual(["s1"]);
    expect(third.nextCursor).toBeNull();
    const back = await list(developer, { limit: 3, cursor: third.prevCursor });
    expect(keys(back.items)).toEqual(["p2", "s2", "p1"]);
    const start = await list(developer, { limit: 3, cursor: back.prevCursor });
    expect(keys(start.items)).toEqual(["o1", "s3", "p3"]);
    expect(start.prevCursor).toBeNull();
  });

  it("filters by service and environment (id or name), release, person and result", async () => {
    expect(keys((await list(developer, { service: "checkout", environment: "prod" })).items)).toEqual(["p3", "p2", "p1"]);
    expect(keys((await list(developer, { service: ids.other })).items)).toEqual(["o1"]);
    expect(keys((await list(developer, { environment: ids.staging, release: "1.2.0" })).items)).toEqual(["s3"]);
    expect(keys((await list(developer, { person: "admin@hangar.local" })).items)).toEqual(["p3", "p2"]);
    expect(keys((await list(developer, { person: world.ids.adminId, result: "succeeded" })).items)).toEqual(["p3"]);
    expect(keys((await list(developer, { result: "failed,rolled_back" })).items)).toEqual(["s3", "p2"]);
  });

  it("filters by a date range: a date as `to` takes in that whole day", async () => {
    expect(keys((await list(developer, { from: "2026-11-03", to: "2026-11-05" })).items)).toEqual(["p3", "p2", "s2"]);
    expect(keys((await list(developer, { from: "2026-11-03T12:00:00Z", to: "2026-11-04T11:00:00+00:00" })).items)).toEqual(["s2"]);
  });

  it("searches release versions, service and environment names and requester emails", async () => {
    expect(keys((await list(developer, { q: "1.2" })).items)).toEqual(["s3", "p2"]);
    expect(keys((await list(developer, { q: "SEAR" })).items)).toEqual(["o1"]);
    expect(keys((await list(developer, { q: "prod" })).items)).toEqual(["p3", "p2", "p1"]);
    expect(keys((await list(developer, { q: "admin@" })).items)).toEqual(["p3", "p2"]);
    expect((await list(developer, { q: "nothing-like-this" })).items).toEqual([]);
  });

  it("never shows another team's deployments, whatever the filter names", async () => {
    expect((await list(developer, { service: ids.foreignService })).items).toEqual([]);
    expect((await list(developer, { environment: ids.foreignEnv })).items).toEqual([]);
    expect((await list(developer, { release: "9.9.9" })).items).toEqual([]);
    expect(keys((await list(outsider, { q: "checkout" })).items)).toEqual(["f1"]);
  });

  it("refuses bad filters at their query field", () => {
    const issues = (query: Record<string, unknown>) => {
      const parsed = listDeploymentsSchema.safeParse(query);
      if (parsed.success) return [];
      return invalidFromZod(parsed.error, "query").issues.map((issue) => issue.path);
    };
    expect(issues({ from: "yesterday" })).toEqual(["query.from"]);
    expect(issues({ to: "2026-13-45" })).toEqual(["query.to"]);
    expect(issues({ result: "succeeded,exploded" })).toEqual(["query.result"]);
    expect(issues({ from: "2026-11-05", to: "2026-11-01" })).toEqual(["query.to"]);
    expect(issues({ limit: "101" })).toEqual(["query.limit"]);
    expect(issues({ colour: "red" })).toEqual(["query.colour"]);
    expect(issues({ from: "2026-11-05", to: "2026-11-05" })).toEqual([]);
  });

  it("refuses a cursor that is not one of this list", async () => {
    const error = await failure(list(developer, { cursor: "bm9wZQ" }));
    expect(error).toMatchObject({ status: 400, issues: [{ path: "query.cursor" }] });
  });
});

describe("one deployment", () => {
  it("shows the diff against the release it replaced, with the changelogs in between", async () => {
    const view = await getDeployment(world.db, developer, deployments.s3!);
    expect(view).toMatchObject({
      release: { version: "1.2.0" },
      fromRelease: { version: "1.1.0" },
      environment: { name: "staging" },
      state: "failed",
      durationMs: 120_000,
      run: null,
      queuePosition: null,
    });
    expect(view.diff.config).toEqual({ added: { NEW: "y" }, removed: {}, changed: { MODE: { from: "a", to: "b" } }, unchanged: 0 });
    expect(view.diff.artifact).toEqual({ from: "ghcr.io/acme/web:1.1.0", to: "ghcr.io/acme/web:1.2.0", changed: true });
    expect(view.diff.changelog).toMatchObject({ direction: "forward", entries: [{ version: "1.2.0", changelog: "new checkout page" }] });

    const p2 = await getDeployment(world.db, developer, deployments.p2!);
    expect(p2.diff.changelog.entries.map((entry) => entry.version)).toEqual(["1.2.0", "1.1.0"]);
    expect(p2.diff.config.removed).toEqual({ OLD: "x" });
    expect(p2.reason).toMatch(/health gate failed/);
  });

  it("says what it rolls back, and a rollback's diff goes back", async () => {
    const view = await getDeployment(world.db, developer, deployments.p3!);
    expect(view.rollbackOf).toEqual({ id: deployments.p2, release: { version: "1.2.0" } });
    expect(view.diff.changelog.direction).toBe("back");
  });

  it("offers Roll back to a writer when there is a release to go back to", async () => {
    expect((await getDeployment(world.db, developer, deployments.p2!)).actions).toMatchObject({ canRollback: true, rollbackDisabledReason: null });
    expect((await getDeployment(world.db, viewer, deployments.p2!)).actions).toMatchObject({ canRollback: false, rollbackDisabledReason: expect.stringMatching(/role/) });
    expect((await getDeployment(world.db, developer, deployments.s1!)).actions.rollbackDisabledReason).toMatch(/Nothing to roll back to/);
  });

  it("counts the runs of its environment ahead of it while it is queued", async () => {
    const env = await insertEnvironment(world.db, "queue-test", world.ids.teamId, developer.userId);
    const run = async (state: "queued" | "running" | "succeeded", createdAt: Date) => {
      const id = newId();
      await world.db.run.create({ data: { id, environmentId: env, kind: "deploy", state, createdAt } });
      return id;
    };
    await run("running", at(20, 1));
    await run("queued", at(20, 2));
    await run("succeeded", at(20, 3));
    const mine = await run("queued", at(20, 4));
    await run("queued", at(20, 5));
    const id = await insertDeployment({ key: "q1", release: "1.2.0", from: "1.1.0", environment: env, state: "queued", createdAt: at(20, 4), runId: mine });
    const view = await getDeployment(world.db, developer, id);
    expect(view.queuePosition).toBe(2);
    expect(view.run).toMatchObject({ id: mine, state: "queued", queuePosition: 2 });
    expect(view.actions).toMatchObject({ canRollback: false, canCancel: true });
    await world.db.deployment.delete({ where: { id } });
  });

  it("is a 404 for another team", async () => {
    const error = await failure(getDeployment(world.db, outsider, deployments.p2!));
    expect(error.status).toBe(404);
  });
});

describe("the export", () => {
  const read = async (caller: Caller, query: Record<string, unknown>) => {
    let text = "";
    for await (const piece of exportDeployments(world.db, caller, exportDeploymentsSchema.parse(query))) text += piece;
    return text;
  };

  it("writes a CSV header and one record per matching deployment", async () => {
    const csv = await read(developer, { format: "csv", environment: "prod" });
    const lines = csv.split("\r\n");
    expect(lines[0]).toBe("id,service,release,from_release,environment,strategy,state,source,requested_by,created_at,started_at,finished_at,duration_ms,rollback_of,reason");
    expect(lines.slice(1, -1)).toHaveLength(3);
    expect(lines[1]).toContain(`${deployments.p3},checkout,1.0.0,1.2.0,prod,rolling,succeeded,rollback,admin@hangar.local,2026-11-05T12:00:00.000Z`);
    expect(lines.at(-1)).toBe("");
  });

  it("writes JSON items like the list's, and nothing of other teams", async () => {
    const json = JSON.parse(await read(developer, { format: "json", result: "failed,rolled_back" }));
    expect(json.map((row: { id: string }) => row.id)).toEqual([deployments.s3, deployments.p2]);
    expect(JSON.parse(await read(viewer, { format: "json", service: ids.foreignService }))).toEqual([]);
  });

  it("stops at its bound", async () => {
    let text = "";
    for await (const piece of exportDeployments(world.db, developer, exportDeploymentsSchema.parse({ format: "json" }), 5)) text += piece;
    expect(JSON.parse(text)).toHaveLength(5);
  });
});
