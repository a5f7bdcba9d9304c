// The request form's memory, presets and "Request again", on real Postgres: a request that
// succeeds remembers its values for its requester only (never a refused one, never a secret);
// the form opens with the environment requested again > the preset > the caller's last values
// that still fit > the defaults; presets are checked at publish at their path; and an
// environment on a deprecated version is requested again on the newest one, with a clear 409
// before that.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getRequestDefaults, NotRequestable } from "../lib/environments/request-defaults";
import { requestEnvironment } from "../lib/environments/request-environment";
import type { Caller } from "../lib/identity/caller";
import { setVersionDeprecated } from "../lib/templates/manage-template";
import { createTemplate, publishTemplateVersion } from "../lib/templates/publish-template-version";
import { failure, userWithRole } from "./helpers/callers";
import { createWorld, type World } from "./helpers/world";

let world: World;
let platform: Caller;
let otherDev: Caller;
let viewer: Caller;
let outsider: Caller;

const source = (sizes: string, extra = "") => `name: Memory box
lease: { default: 1h, max: 1d }
parameters:
  type: object
  additionalProperties: false
  required: [branch]
  properties:
    branch: { type: string, default: main, pattern: "^[a-z0-9/-]+$" }
    size: { type: string, enum: [${sizes}], default: t3.micro }
    apiKey: { type: string, writeOnly: true }
instanceGroups:
  - name: web
    image: ami-0123456789abcdef0
    instanceType: "\${{ params.size }}"
${extra}`;
const presets = `presets:
  small: { title: Small, parameters: { size: t3.micro } }
  perf: { title: Performance, description: The biggest box, parameters: { size: t3.medium } }
`;

const defaultsFor = async (caller: Caller, input: Parameters<typeof getRequestDefaults>[2]) => (await getRequestDefaults(world.db, caller, input)).defaults;

beforeAll(async () => {
  world = await createWorld({ worker: false });
  const user = (email: string, teamSlug: string, role: Parameters<typeof userWithRole>[3]) => userWithRole(world.db, email, teamSlug, role);
  platform = await user("mem-plat@test.local", "demo", "platform");
  otherDev = await user("mem-dev2@test.local", "demo", "developer");
  viewer = await user("mem-viewer@test.local", "demo", "viewer");
  outsider = await user("mem-outsider@test.local", "elsewhere", "developer");
  await createTemplate(world.db, platform, { slug: "memory-box", source: source("t3.micro, t3.small, t3.medium", presets) });
});
afterAll(async () => {
  await world?.close();
});

describe("presets", () => {
  it("are checked at publish with the request validator, each problem at its path and line; nothing is written", async () => {
    const bad = `presets:
  perf:
    parameters:
      size: m5.24xlarge
      branch: "bad branch"
      apiKey: shh
`;
    const error = await failure(publishTemplateVersion(world.db, platform, { template: "memory-box", source: source("t3.micro, t3.small, t3.medium", bad) }));
    expect(error.status).toBe(400);
    expect(error.issues.map((i) => [i.path, i.line])).toEqual(
      expect.arrayContaining([
        ["presets.perf.parameters.size", 18],
        ["presets.perf.parameters.branch", 19],
        ["presets.perf.parameters.apiKey", 20],
      ]),
    );
    expect(error.message).toMatch(/^Template is invalid: presets\.perf\.parameters\./);
    expect(await world.db.templateVersion.count({ where: { template: { slug: "memory-box" } } })).toBe(1);
  });

  it("prefill the form when asked for, with their title; an unknown preset is a 400 naming the others", async () => {
    const defaults = await defaultsFor(otherDev, { template: "memory-box", preset: "perf" });
    expect(defaults).toMatchObject({ origin: { kind: "preset", preset: "perf", title: "Performance" }, parameters: { size: "t3.medium" } });
    const unknown = await failure(defaultsFor(otherDev, { template: "memory-box", preset: "huge" }));
    expect(unknown.status).toBe(400);
    expect(unknown.issues).toEqual([{ path: "preset", message: "memory-box has no preset huge (it has perf, small)" }]);
  });
});

describe("form memory", () => {
  it("is written by a request that succeeds, for its requester only, without secrets; a refused request changes nothing", async () => {
    expect((await defaultsFor(world.developer, { template: "memory-box" })).origin).toEqual({ kind: "defaults" });
    await requestEnvironment(world.db, world.developer, {
      name: "mem-1",
      template: "memory-box",
      parameters: { branch: "feature/x", size: "t3.small", apiKey: "do-not-keep" },
      ttl: "4h",
      cloudAccount: world.ids.cloudAccountId,
      region: "us-east-1",
    });
    const mine = await defaultsFor(world.developer, { template: "memory-box" });
    expect(mine).toMatchObject({ origin: { kind: "remembered" }, parameters: { branch: "feature/x", size: "t3.small" }, ttlSeconds: 4 * 3600, cloudAccount: world.ids.cloudAccountId, region: "us-east-1", dropped: [] });
    const row = await world.db.requestMemory.findFirstOrThrow({ where: { userId: world.developer.userId } });
    expect(JSON.stringify(row.values)).not.toContain("do-not-keep");

    // Refused: a bad parameter (checked before writing), and a taken name (refused by the write itself).
    await failure(requestEnvironment(world.db, world.developer, { name: "mem-2", template: "memory-box", parameters: { branch: "feature/y", size: "t9.huge" } }));
    await failure(requestEnvironment(world.db, world.developer, { name: "mem-1", template: "memory-box", parameters: { branch: "feature/z" }, ttl: "2h" }));
    expect((await defaultsFor(world.developer, { template: "memory-box" })).parameters).toEqual({ branch: "feature/x", size: "t3.small" });

    // Another user of the same team sees only their own (none); a preset wins over memory.
    expect((await defaultsFor(otherDev, { template: "memory-box" })).origin).toEqual({ kind: "defaults" });
    expect(await defaultsFor(world.developer, { template: "memory-box", preset: "small" })).toMatchObject({ origin: { kind: "preset", preset: "small" }, parameters: { size: "t3.micro" }, ttlSeconds: 4 * 3600 });
  });

  it("keeps only the values the current version still accepts", async () => {
    await requestEnvironment(world.db, otherDev, { name: "mem-medium", template: "memory-box", parameters: { branch: "fix/1", size: "t3.medium" } });
    await publishTemplateVersion(world.db, platform, { template: "memory-box", source: source("t3.micro, t3.small", "") });
    const defaults = await defaultsFor(otherDev, { template: "memory-box" });
    expect(defaults).toMatchObject({ template: { version: 2 }, origin: { kind: "remembered" }, parameters: { branch: "fix/1" }, dropped: ["size"] });
  });
});

describe("request again", () => {
  it("copies the environment's version, parameters, lease and placement under a free name; viewers and other teams cannot", async () => {
    const { environmentId } = await requestEnvironment(world.db, world.developer, { name: "again-1", template: "web-dev", parameters: { branch: "release/2", size: "t3.small" }, ttl: "2h", region: "us-east-1" });
    await requestEnvironment(world.db, world.developer, { name: "again-2", template: "web-dev", parameters: {} });
    const defaults = await defaultsFor(world.developer, { again: environmentId, preset: "anything" });
    expect(defaults).toMatchObject({
      template: { slug: "web-dev", version: 1 },
      origin: { kind: "again", environment: { id: environmentId, name: "again-1" }, fromVersion: 1 },
      name: "again-3",
      parameters: { branch: "release/2", size: "t3.small" },
      ttlSeconds: 2 * 3600,
      team: "demo",
      region: "us-east-1",
    });
    expect((await failure(defaultsFor(viewer, { again: environmentId }))).status).toBe(403);
    expect((await failure(defaultsFor(outsider, { again: environmentId }))).status).toBe(404);
    expect((await failure(defaultsFor(world.developer, { again: environmentId, template: "service-stack" }))).status).toBe(404);
  });

  it("from a deprecated version: a 409 naming the newest version, then the same parameters on it", async () => {
    await createTemplate(world.db, platform, { slug: "aging-box", source: source("t3.micro, t3.small, t3.medium") });
    const { environmentId } = await requestEnvironment(world.db, world.developer, { name: "old-box", template: "aging-box", parameters: { branch: "keep/me", size: "t3.medium", apiKey: "secret" } });
    await publishTemplateVersion(world.db, platform, { template: "aging-box", source: source("t3.micro, t3.small") });
    await setVersionDeprecated(world.db, platform, { template: "aging-box", version: 1, deprecated: true });

    const refused = await failure(defaultsFor(world.developer, { again: environmentId }));
    expect(refused).toBeInstanceOf(NotRequestable);
    expect(refused.status).toBe(409);
    expect(refused.message).toBe("Version 1 of Memory box is deprecated and takes no new requests; version 2 is the newest you can request");
    expect((refused as NotRequestable).latestRequestable).toBe(2);
    // The request itself, pinned to the old version, is refused the same way (nothing written).
    const pinned = await failure(requestEnvironment(world.db, world.developer, { name: "old-box-2", template: "aging-box", templateVersion: 1, parameters: { branch: "keep/me" } }));
    expect(pinned.status).toBe(409);
    expect(pinned.message).toMatch(/request version 2 instead/);

    const onLatest = await defaultsFor(world.developer, { again: environmentId, version: 2 });
    expect(onLatest).toMatchObject({ template: { version: 2 }, origin: { kind: "again", fromVersion: 1 }, name: "old-box-2", parameters: { branch: "keep/me" }, dropped: ["size"] });
    expect(JSON.stringify(onLatest)).not.toContain("secret");
    const again = await requestEnvironment(world.db, world.developer, { name: onLatest.name!, template: "aging-box", templateVersion: 2, parameters: onLatest.parameters });
    const audit = await world.db.auditEvent.findFirstOrThrow({ where: { action: "environment.request", targetId: again.environmentId } });
    expect(audit.after).toMatchObject({ name: "old-box-2", template: "aging-box@2", parameters: { branch: "keep/me", size: "t3.micro" } });
  });

  it("an archived template takes no new requests at all", async () => {
    const env = await world.db.environment.findFirstOrThrow({ where: { name: "old-box" } });
    await world.db.template.update({ where: { slug: "aging-box" }, data: { archivedAt: new Date() } });
    const refused = await failure(defaultsFor(world.developer, { again: env.id }));
    expect(refused).toMatchObject({ status: 409, message: "Template Memory box is archived and takes no new requests", latestRequestable: null });
  });
});
