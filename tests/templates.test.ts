// Templates owned by platform teams, on real Postgres: create and publish (one code path), a
// stale base version is a conflict naming both versions, deprecated versions and archived
// templates take no new requests, and a template shared with some teams does not exist for the
// others (list, read, request). Bad input is a 4xx at its path (and line), nothing written.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TeamRole } from "../lib/db/generated/client";
import { newId } from "../lib/db/ids";
import { requestEnvironment } from "../lib/environments/request-environment";
import { AppError } from "../lib/errors";
import { loadCaller, type Caller } from "../lib/identity/caller";
import { getTemplate, listTemplates, listTemplateVersions } from "../lib/templates/list-templates";
import { setVersionDeprecated, updateTemplate } from "../lib/templates/manage-template";
import { createTemplate, publishTemplateVersion } from "../lib/templates/publish-template-version";
import { createWorld, type World } from "./helpers/world";

let world: World;
let platform: Caller;
let otherTeamDev: Caller;
let otherPlatform: Caller;

const source = (name: string, extra = "") => `name: ${name}
lease: { default: 1h, max: 1d }
instanceGroups:
  - name: web
    image: ami-0123456789abcdef0
    instanceType: t3.micro
${extra}`;

async function user(email: string, teamSlug: string, role: TeamRole): Promise<Caller> {
  const team = await world.db.team.upsert({ where: { slug: teamSlug }, create: { id: newId(), slug: teamSlug, name: teamSlug }, update: {} });
  const created = await world.db.user.create({ data: { id: newId(), email, name: email } });
  await world.db.membership.create({ data: { userId: created.id, teamId: team.id, role } });
  return (await loadCaller(world.db, created.id))!;
}

/** The AppError a call fails with (status, code, issues). */
async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

beforeAll(async () => {
  world = await createWorld({ worker: false });
  platform = await user("plat@test.local", "demo", "platform");
  otherTeamDev = await user("other-dev@test.local", "other", "developer");
  otherPlatform = await user("other-plat@test.local", "other", "platform");
});
afterAll(async () => {
  await world?.close();
});

describe("publishing templates", () => {
  it("a platform engineer creates a template owned by their team, then publishes on the latest version only", async () => {
    const created = await createTemplate(world.db, platform, { slug: "team-box", source: source("Team box"), changeNote: "first cut" });
    expect(created).toMatchObject({ slug: "team-box", version: 1, created: true });
    const template = await world.db.template.findUniqueOrThrow({ where: { slug: "team-box" } });
    expect(template.ownerTeamId).toBe(world.ids.teamId);

    const v2 = await publishTemplateVersion(world.db, platform, { template: "team-box", source: source("Team box", "outputs:\n  id: \"${{ env.id }}\"\n"), baseVersion: 1, changeNote: "an output" });
    expect(v2).toMatchObject({ version: 2, created: true });
    const stale = await failure(publishTemplateVersion(world.db, platform, { template: "team-box", source: source("Team box, again"), baseVersion: 1 }));
    expect(stale.status).toBe(409);
    expect(stale.message).toMatch(/Version 2 of team-box was published after version 1/);
    expect(stale.issues).toEqual([{ path: "baseVersion", message: "is 1; the latest version is 2" }]);
    // The same source again changes nothing.
    expect(await publishTemplateVersion(world.db, platform, { template: "team-box", source: source("Team box", "outputs:\n  id: \"${{ env.id }}\"\n") })).toMatchObject({ version: 2, created: false });

    const versions = await listTemplateVersions(world.db, platform, "team-box");
    expect(versions.map((v) => [v.version, v.changeNote, v.createdBy])).toEqual([
      [2, "an output", "plat@test.local"],
      [1, "first cut", "plat@test.local"],
    ]);
    const audit = await world.db.auditEvent.findMany({ where: { targetId: template.id }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["template.create", "template.publish", "template.publish"]);
  });

  it("refuses publishers without the platform role in the owning team, duplicate slugs and bad sources, writing nothing", async () => {
    const before = await world.db.templateVersion.count();
    expect((await failure(createTemplate(world.db, world.developer, { slug: "dev-box", source: source("Dev box") }))).status).toBe(403);
    expect((await failure(publishTemplateVersion(world.db, otherPlatform, { template: "team-box", source: source("Hijack") }))).status).toBe(403);
    const duplicate = await failure(createTemplate(world.db, platform, { slug: "team-box", source: source("Twice") }));
    expect([duplicate.status, duplicate.issues[0]?.path]).toEqual([409, "slug"]);
    expect((await failure(createTemplate(world.db, platform, { slug: "Bad Slug", source: source("x") }))).issues[0]?.path).toBe("slug");
    // /templates/new and /api/v1/templates/validate would shadow these.
    expect((await failure(createTemplate(world.db, platform, { slug: "new", source: source("x") }))).issues[0]).toMatchObject({ path: "slug", message: expect.stringContaining("reserved") });

    const broken = await failure(createTemplate(world.db, platform, { slug: "broken", source: "name: Broken\nlease: { default: 1h, max: 1d\ninstanceGroups: []\n" }));
    expect(broken.status).toBe(400);
    expect(broken.issues[0]).toMatchObject({ path: "source", line: expect.any(Number), column: expect.any(Number) });
    expect(broken.message).toMatch(/\(line \d+, column \d+\)/);
    const unknownRef = await failure(createTemplate(world.db, platform, { slug: "bad-ref", source: source("Bad ref").replace("t3.micro", "${{ params.size }}") }));
    expect(unknownRef.issues[0]).toMatchObject({ path: "instanceGroups.0", line: 4 });
    const huge = await failure(createTemplate(world.db, platform, { slug: "huge", source: source("Huge", `# ${"x".repeat(260 * 1024)}`) }));
    expect(huge.issues[0]?.message).toMatch(/at most 256 KB/);
    expect(await world.db.templateVersion.count()).toBe(before);
    expect(await world.db.template.count({ where: { slug: { in: ["dev-box", "broken", "bad-ref", "huge"] } } })).toBe(0);
  });
});

describe("which teams may use a template", () => {
  it("a template shared with some teams does not exist for the others: list, read and request", async () => {
    await createTemplate(world.db, otherPlatform, { slug: "other-only", source: source("Other only"), sharedWith: ["other"] });
    const mine = await listTemplates(world.db, world.developer);
    expect(mine.items.map((t) => t.slug)).not.toContain("other-only");
    expect((await failure(getTemplate(world.db, world.developer, "other-only"))).status).toBe(404);
    const request = await failure(requestEnvironment(world.db, world.developer, { name: "not-mine", template: "other-only", parameters: {} }));
    expect([request.status, request.issues[0]?.path]).toEqual([404, "template"]);

    const theirs = await listTemplates(world.db, otherTeamDev);
    expect(theirs.items.find((t) => t.slug === "other-only")).toMatchObject({ sharedWithAll: false, sharedWith: [{ slug: "other", name: "other" }], canManage: false });
    expect((await listTemplates(world.db, otherPlatform)).items.find((t) => t.slug === "other-only")?.canManage).toBe(true);
    // Site admins see every template; the owning team always sees its own.
    expect((await listTemplates(world.db, world.admin)).items.map((t) => t.slug)).toContain("other-only");
    await updateTemplate(world.db, platform, "team-box", { sharedWith: ["other"] });
    expect((await getTemplate(world.db, world.developer, "team-box")).slug).toBe("team-box");
    expect((await requestEnvironment(world.db, world.developer, { name: "owner-team", template: "team-box", parameters: {} })).environmentId).toBeTruthy();
    await updateTemplate(world.db, platform, "team-box", { sharedWith: "all" });

    // Shared with all again: now the demo team may use it.
    await updateTemplate(world.db, otherPlatform, "other-only", { sharedWith: "all" });
    expect((await getTemplate(world.db, world.developer, "other-only")).slug).toBe("other-only");
  });
});

describe("deprecated versions and archived templates", () => {
  it("take no new requests; a request without a version gets the newest that is not deprecated", async () => {
    await createTemplate(world.db, platform, { slug: "aging", source: source("Aging v1") });
    await publishTemplateVersion(world.db, platform, { template: "aging", source: source("Aging v2"), baseVersion: 1 });
    await setVersionDeprecated(world.db, platform, { template: "aging", version: 2, deprecated: true });

    const pinned = await failure(requestEnvironment(world.db, world.developer, { name: "pinned", template: "aging", templateVersion: 2, parameters: {} }));
    expect([pinned.status, pinned.issues[0]?.path]).toEqual([409, "templateVersion"]);
    expect(pinned.message).toMatch(/Version 2 of aging is deprecated; request version 1 instead/);
    const latest = await requestEnvironment(world.db, world.developer, { name: "on-latest", template: "aging", parameters: {} });
    const env = await world.db.environment.findUniqueOrThrow({ where: { id: latest.environmentId }, include: { templateVersion: true } });
    expect(env.templateVersion.version).toBe(1);

    // The last requestable version cannot be deprecated: archive the template instead.
    expect((await failure(setVersionDeprecated(world.db, platform, { template: "aging", version: 1, deprecated: true }))).status).toBe(409);
    expect((await failure(setVersionDeprecated(world.db, world.developer, { template: "aging", version: 1, deprecated: true }))).status).toBe(403);
    expect((await failure(setVersionDeprecated(world.db, platform, { template: "aging", version: 9, deprecated: true }))).status).toBe(404);

    await updateTemplate(world.db, platform, "aging", { archived: true });
    const archived = await failure(requestEnvironment(world.db, world.developer, { name: "archived", template: "aging", parameters: {} }));
    expect([archived.status, archived.message]).toEqual([409, "template: Template aging is archived and takes no new requests"]);
    expect((await listTemplates(world.db, world.developer)).items.map((t) => t.slug)).not.toContain("aging");
    expect((await listTemplates(world.db, world.developer, { includeArchived: true })).items.map((t) => t.slug)).toContain("aging");
    expect((await failure(publishTemplateVersion(world.db, platform, { template: "aging", source: source("Aging v3") }))).status).toBe(409);
    // Environments on it keep running: the archive is about new requests only.
    expect((await world.db.environment.findUniqueOrThrow({ where: { id: latest.environmentId } })).state).toBe("requested");
  });

  it("a version that does not exist is a 404 at its path, not the latest under another number", async () => {
    const error = await failure(getTemplate(world.db, world.developer, "web-dev", 99));
    expect([error.status, error.issues[0]?.path]).toEqual([404, "version"]);
  });
});

describe("a templates folder", () => {
  it("publishes each <slug>.yaml through the same path: changed ones get a version, bad ones are reported, the rest go on", async () => {
    const { mkdtemp, writeFile, rm } = await import("node:fs/promises");
    const { tmpdir } = await import("node:os");
    const path = await import("node:path");
    const { syncTemplatesFolder } = await import("../lib/templates/sync-templates-folder");
    const dir = await mkdtemp(path.join(tmpdir(), "hangar-templates-"));
    try {
      await writeFile(path.join(dir, "folder-box.yaml"), source("Folder box"));
      await writeFile(path.join(dir, "folder-broken.yml"), "name: [broken");
      await writeFile(path.join(dir, "Not A Slug.yaml"), source("Bad name"));
      await writeFile(path.join(dir, "notes.txt"), "not a template");
      const first = await syncTemplatesFolder(world.db, dir);
      expect(first.published).toEqual([{ file: "folder-box.yaml", slug: "folder-box", version: 1 }]);
      expect(first.failed.map((f) => f.file).sort()).toEqual(["Not A Slug.yaml", "folder-broken.yml"]);
      expect(first.failed.find((f) => f.file === "folder-broken.yml")!.issues[0]).toMatchObject({ path: "source", line: 1 });

      const again = await syncTemplatesFolder(world.db, dir);
      expect(again.unchanged).toEqual([{ file: "folder-box.yaml", slug: "folder-box", version: 1 }]);
      await writeFile(path.join(dir, "folder-box.yaml"), source("Folder box, changed"));
      const changed = await syncTemplatesFolder(world.db, dir, world.admin);
      expect(changed.published).toEqual([{ file: "folder-box.yaml", slug: "folder-box", version: 2 }]);
      const versions = await listTemplateVersions(world.db, world.admin, "folder-box");
      expect(versions.map((v) => [v.version, v.createdBy, v.changeNote])).toEqual([
        [2, "admin@hangar.local", "Synced from folder-box.yaml"],
        [1, null, "Synced from folder-box.yaml"],
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
