// Services and releases on real Postgres (issue 9's model, before deployments): a developer
// creates a service on a template's group and releases of it; lists and reads are scoped to the
// caller's teams (another team's service is a 404, for reads and for releases); viewers read
// but may not create (403); an instance group the template's newest requestable version lacks is a
// 400 at instanceGroup; a used version is a 409 at version. Every creation writes one audit event
// and a refusal writes nothing at all.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Caller } from "../lib/identity/caller";
import { createRelease } from "../lib/releases/create-release";
import { getRelease } from "../lib/releases/get-release";
import { listReleases } from "../lib/releases/list-releases";
import { createReleaseSchema, type CreateReleaseInput } from "../lib/releases/schemas";
import { createService } from "../lib/services/create-service";
import { getService } from "../lib/services/get-service";
import { listServices } from "../lib/services/list-services";
import { createServiceSchema, listServicesSchema } from "../lib/services/schemas";
import { setVersionDeprecated } from "../lib/templates/manage-template";
import { createTemplate, publishTemplateVersion } from "../lib/templates/publish-template-version";
import { failure, userWithRole } from "./helpers/callers";
import { createWorld, type World } from "./helpers/world";

let world: World;
let developer: Caller;
let viewer: Caller;
let outsider: Caller;
let platform: Caller;

const DIGEST = `sha256:${"b".repeat(64)}`;
const service = (input: Record<string, unknown>) => createServiceSchema.parse({ template: "web-dev", instanceGroup: "web", ...input });
const release = (version: string, extra: Partial<CreateReleaseInput> = {}) =>
  createReleaseSchema.parse({ version, artifact: `ghcr.io/acme/web:${version}@${DIGEST}`, ...extra });

/** Rows that a refused call must leave untouched. */
async function counts() {
  const [services, releases, audits] = await Promise.all([world.db.service.count(), world.db.release.count(), world.db.auditEvent.count()]);
  return { services, releases, audits };
}

beforeAll(async () => {
  world = await createWorld({ worker: false });
  developer = world.developer;
  viewer = await userWithRole(world.db, "svc-viewer@test.local", "demo", "viewer");
  outsider = await userWithRole(world.db, "svc-outsider@test.local", "elsewhere", "developer");
  platform = await userWithRole(world.db, "svc-platform@test.local", "demo", "platform");
});
afterAll(async () => {
  await world?.close();
});

describe("services", () => {
  it("a developer creates one on a template's group, with one audit event", async () => {
    const created = await createService(world.db, developer, {
      ...service({
        name: "checkout",
        description: "Takes the money",
        repositoryUrl: "https://github.com/acme/checkout",
        healthCheck: { http: { path: "/healthz", port: 8080 } },
        defaultStrategy: { type: "canary", percent: 20, bakeSeconds: 60 },
      }),
      context: { ip: "10.0.0.1", userAgent: "vitest" },
    });
    expect(created).toMatchObject({
      name: "checkout",
      team: { slug: "demo" },
      template: { slug: "web-dev" },
      instanceGroup: "web",
      healthCheck: { statusChecks: true, http: { path: "/healthz", port: 8080, expectedStatus: 200, timeoutSeconds: 5 } },
      defaultStrategy: { type: "canary", percent: 20, bakeSeconds: 60 },
      createdBy: { id: developer.userId },
      releaseCount: 0,
      latestRelease: null,
      canWrite: true,
    });
    const audits = await world.db.auditEvent.findMany({ where: { targetType: "service", targetId: created.id } });
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ action: "service.create", actorId: developer.userId, teamId: created.team.id, ip: "10.0.0.1" });
    expect(audits[0]!.after).toMatchObject({ name: "checkout", template: "web-dev@1", instanceGroup: "web" });
  });

  it("a second service of the same name in the team is a 409 at name, nothing written", async () => {
    const before = await counts();
    const error = await failure(createService(world.db, developer, service({ name: "checkout" })));
    expect(error.status).toBe(409);
    expect(error.issues).toEqual([{ path: "name", message: "is already used by a service of this team" }]);
    expect(await counts()).toEqual(before);
  });

  it("a group the template's newest requestable version lacks is a 400 at instanceGroup, nothing written", async () => {
    const before = await counts();
    const error = await failure(createService(world.db, developer, service({ name: "api", instanceGroup: "api" })));
    expect(error.status).toBe(400);
    expect(error.issues[0]!.path).toBe("instanceGroup");
    expect(error.message).toContain("has no instance group api; its groups are web");
    expect(await counts()).toEqual(before);
  });

  it("checks the group against the newest version that is not deprecated", async () => {
    const v1 = `name: Two groups\nlease: { default: 1h, max: 1d }\ninstanceGroups:\n  - name: web\n    image: ami-0123456789abcdef0\n    instanceType: t3.micro\n  - name: worker\n    image: ami-0123456789abcdef0\n    instanceType: t3.micro\n`;
    const v2 = `name: Two groups\nlease: { default: 1h, max: 1d }\ninstanceGroups:\n  - name: web\n    image: ami-0123456789abcdef0\n    instanceType: t3.micro\n`;
    await createTemplate(world.db, platform, { slug: "two-groups", source: v1 });
    await publishTemplateVersion(world.db, platform, { template: "two-groups", source: v2 });
    const refused = await failure(createService(world.db, developer, service({ name: "jobs", template: "two-groups", instanceGroup: "worker" })));
    expect(refused.issues[0]).toMatchObject({ path: "instanceGroup", message: expect.stringContaining("version 2 of template two-groups") });
    await setVersionDeprecated(world.db, platform, { template: "two-groups", version: 2, deprecated: true });
    const created = await createService(world.db, developer, service({ name: "jobs", template: "two-groups", instanceGroup: "worker" }));
    expect(created.instanceGroup).toBe("worker");
  });

  it("an unknown template is a 404 at template", async () => {
    const error = await failure(createService(world.db, developer, service({ name: "ghost", template: "no-such-template" })));
    expect(error.status).toBe(404);
    expect(error.issues[0]!.path).toBe("template");
  });

  it("a viewer may not create one (403, nothing written) but reads them", async () => {
    const before = await counts();
    const error = await failure(createService(world.db, viewer, service({ name: "viewer-made" })));
    expect(error.status).toBe(403);
    expect(await counts()).toEqual(before);
    // Names are stored lower-case, so any case finds the service.
    const got = await getService(world.db, viewer, "Checkout");
    expect(got).toMatchObject({ name: "checkout", canWrite: false });
  });

  it("another team's service is not found, by id or by name, and not listed", async () => {
    const { id } = await getService(world.db, developer, "checkout");
    expect((await failure(getService(world.db, outsider, id))).status).toBe(404);
    expect((await failure(getService(world.db, outsider, "checkout"))).status).toBe(404);
    const listed = await listServices(world.db, outsider, listServicesSchema.parse({}));
    expect(listed.items.map((s) => s.name)).not.toContain("checkout");
    // The other team may use the same name for its own service.
    const theirs = await createService(world.db, outsider, service({ name: "checkout" }));
    expect(theirs.team.slug).toBe("elsewhere");
  });

  it("lists the caller's teams' services by name, searchable and paginated", async () => {
    await createService(world.db, developer, service({ name: "search-me", description: "Finds things" }));
    const all = await listServices(world.db, developer, listServicesSchema.parse({}));
    expect(all.items.map((s) => s.name)).toEqual(["checkout", "jobs", "search-me"]);
    expect(all.total).toBe(3);
    const found = await listServices(world.db, developer, listServicesSchema.parse({ search: "FINDS" }));
    expect(found.items.map((s) => s.name)).toEqual(["search-me"]);
    const page1 = await listServices(world.db, developer, listServicesSchema.parse({ limit: "2" }));
    expect(page1).toMatchObject({ total: 3, page: 1, prevCursor: null });
    const page2 = await listServices(world.db, developer, listServicesSchema.parse({ limit: "2", cursor: page1.nextCursor }));
    expect(page2).toMatchObject({ total: 3, page: 2, nextCursor: null });
    expect(page2.items.map((s) => s.name)).toEqual(["search-me"]);
    const otherTeam = await listServices(world.db, developer, listServicesSchema.parse({ team: "elsewhere" }));
    expect(otherTeam.items).toEqual([]);
  });
});

describe("releases", () => {
  it("a developer creates one, with one audit event, and reads it back by version", async () => {
    const created = await createRelease(world.db, developer, {
      ...release("1.0.0", { config: { LOG_LEVEL: "info" }, commitSha: "0123abcd", changelog: "First" }),
      service: "checkout",
    });
    expect(created).toMatchObject({
      service: { name: "checkout" },
      version: "1.0.0",
      artifact: { type: "image", reference: `ghcr.io/acme/web:1.0.0@${DIGEST}` },
      config: { LOG_LEVEL: "info" },
      commitSha: "0123abcd",
      changelog: "First",
      createdBy: { id: developer.userId },
    });
    expect(await getRelease(world.db, viewer, { service: "checkout", version: "1.0.0" })).toEqual(created);
    const audits = await world.db.auditEvent.findMany({ where: { targetType: "release", targetId: created.id } });
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ action: "release.create", actorId: developer.userId });
    expect(audits[0]!.after).toMatchObject({ service: "checkout", version: "1.0.0", config: { LOG_LEVEL: "info" } });
    expect(await getService(world.db, developer, "checkout")).toMatchObject({ releaseCount: 1, latestRelease: { version: "1.0.0" } });
  });

  it("a used version is a 409 at version, nothing written", async () => {
    const before = await counts();
    const error = await failure(createRelease(world.db, developer, { ...release("1.0.0"), service: "checkout" }));
    expect(error.status).toBe(409);
    expect(error.issues[0]!.path).toBe("version");
    expect(error.message).toContain("releases are immutable");
    expect(await counts()).toEqual(before);
  });

  it("the same version in another service is fine", async () => {
    const created = await createRelease(world.db, developer, { ...release("1.0.0"), service: "jobs" });
    expect(created.service.name).toBe("jobs");
  });

  it("a release for another team's service is a 404 and a viewer's is a 403, nothing written", async () => {
    const { id } = await getService(world.db, developer, "checkout");
    const before = await counts();
    const foreign = await failure(createRelease(world.db, outsider, { ...release("9.9.9"), service: id }));
    expect(foreign.status).toBe(404);
    const byViewer = await failure(createRelease(world.db, viewer, { ...release("9.9.9"), service: id }));
    expect(byViewer.status).toBe(403);
    expect(await counts()).toEqual(before);
    expect((await failure(getRelease(world.db, outsider, { service: id, version: "1.0.0" }))).status).toBe(404);
    expect((await failure(listReleases(world.db, outsider, { limit: 20, service: id }))).status).toBe(404);
  });

  it("an unknown version is a 404 at version", async () => {
    const error = await failure(getRelease(world.db, developer, { service: "checkout", version: "7.7.7" }));
    expect(error.status).toBe(404);
    expect(error.issues[0]!.path).toBe("version");
  });

  it("lists newest first with cursors both ways, searchable by version or commit", async () => {
    for (const [version, commitSha] of [["1.1.0", "aaaa111"], ["1.2.0", "bbbb222"], ["2.0.0", "cccc333"]] as const) {
      await createRelease(world.db, developer, { ...release(version, { commitSha }), service: "checkout" });
      // Distinct creation times, so "newest first" does not rest on the id tie-break.
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const first = await listReleases(world.db, developer, { limit: 2, service: "checkout" });
    expect(first.items.map((r) => r.version)).toEqual(["2.0.0", "1.2.0"]);
    expect(first).toMatchObject({ total: 4, prevCursor: null });
    const second = await listReleases(world.db, developer, { limit: 2, cursor: first.nextCursor!, service: "checkout" });
    expect(second.items.map((r) => r.version)).toEqual(["1.1.0", "1.0.0"]);
    expect(second.nextCursor).toBeNull();
    const back = await listReleases(world.db, developer, { limit: 2, cursor: second.prevCursor!, service: "checkout" });
    expect(back.items.map((r) => r.version)).toEqual(["2.0.0", "1.2.0"]);
    expect((await listReleases(world.db, developer, { limit: 20, search: "1.2", service: "checkout" })).items.map((r) => r.version)).toEqual(["1.2.0"]);
    expect((await listReleases(world.db, developer, { limit: 20, search: "CCCC", service: "checkout" })).items.map((r) => r.version)).toEqual(["2.0.0"]);
    const badCursor = await failure(listReleases(world.db, developer, { limit: 2, cursor: "nonsense", service: "checkout" }));
    expect(badCursor.issues[0]!.path).toBe("query.cursor");
  });
});
