// Extending a lease on Postgres: by a duration or until a time, bounded by the template's
// lease.max from now (site admins may go past it), refused for environments being or already
// destroyed, for viewers and for other teams, and audited with the expiry before and after.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { extendEnvironment, extendEnvironmentSchema } from "../lib/environments/extend-environment";
import { requestEnvironment } from "../lib/environments/request-environment";
import type { Caller } from "../lib/identity/caller";
import { failure, userWithRole } from "./helpers/callers";
import { createWorld, type World } from "./helpers/world";

const HOUR = 3600_000;
let world: World;
let viewer: Caller;
let stranger: Caller;

beforeAll(async () => {
  world = await createWorld();
  viewer = await userWithRole(world.db, "viewer@extend.local", "demo", "viewer");
  stranger = await userWithRole(world.db, "stranger@extend.local", "elsewhere", "developer");
});
afterAll(async () => {
  await world?.close();
});

/** A web-dev environment (lease default 8h, max 3d) with an 8 h lease; nothing is provisioned. */
async function environment(name: string): Promise<{ id: string; expiresAt: Date }> {
  const requested = await requestEnvironment(world.db, world.developer, { name, template: "web-dev", parameters: {}, ttl: "8h" });
  const row = await world.db.environment.findUniqueOrThrow({ where: { id: requested.environmentId } });
  return { id: row.id, expiresAt: row.expiresAt };
}

describe("extending a lease", () => {
  it("adds a duration to the current expiry and records who did it, before and after", async () => {
    const env = await environment("extend-by");
    const extended = await extendEnvironment(world.db, world.developer, { environmentId: env.id, by: "2h", context: { ip: "10.0.0.9", userAgent: "hangar-cli" } });
    expect(extended.previousExpiresAt).toEqual(env.expiresAt);
    expect(extended.expiresAt.getTime()).toBe(env.expiresAt.getTime() + 2 * HOUR);
    expect((await world.db.environment.findUniqueOrThrow({ where: { id: env.id } })).expiresAt).toEqual(extended.expiresAt);

    const audit = await world.db.auditEvent.findFirstOrThrow({ where: { action: "environment.extend", targetId: env.id } });
    expect(audit).toMatchObject({ actorEmail: world.developer.email, ip: "10.0.0.9", userAgent: "hangar-cli" });
    expect(audit.before).toEqual({ expiresAt: env.expiresAt.toISOString() });
    expect(audit.after).toEqual({ expiresAt: extended.expiresAt.toISOString() });
  });

  it("sets the expiry to a given time, and counts a past expiry from now", async () => {
    const env = await environment("extend-until");
    const until = new Date(Date.now() + 30 * HOUR);
    const extended = await extendEnvironment(world.db, world.developer, { environmentId: env.id, until: until.toISOString() });
    expect(extended.expiresAt).toEqual(until);

    // The reaper has not come yet: one hour more means an hour from now, not from the past.
    await world.db.environment.update({ where: { id: env.id }, data: { expiresAt: new Date(Date.now() - 5 * HOUR) } });
    const now = new Date();
    const renewed = await extendEnvironment(world.db, world.developer, { environmentId: env.id, by: "1h" }, now);
    expect(renewed.expiresAt.getTime()).toBe(now.getTime() + HOUR);
  });

  it("stays within the template's lease.max from now; a site admin may go past it", async () => {
    const env = await environment("extend-max");
    const refused = await failure(extendEnvironment(world.db, world.developer, { environmentId: env.id, by: "3d" }));
    expect(refused).toMatchObject({ status: 400, issues: [{ path: "by" }] });
    expect(refused.message).toMatch(/maximum lease of 3d/);
    const tooLate = await failure(extendEnvironment(world.db, world.developer, { environmentId: env.id, until: new Date(Date.now() + 80 * HOUR).toISOString() }));
    expect(tooLate.issues.map((i) => i.path)).toEqual(["until"]);
    // Up to the bound itself is fine: 8 h left + 64 h = 72 h = 3d from (about) now.
    const now = new Date();
    const remaining = env.expiresAt.getTime() - now.getTime();
    const atMax = await extendEnvironment(world.db, world.developer, { environmentId: env.id, by: Math.floor((72 * HOUR - remaining) / 1000) }, now);
    expect(atMax.expiresAt.getTime()).toBeLessThanOrEqual(now.getTime() + 72 * HOUR);

    const byAdmin = await extendEnvironment(world.db, world.admin, { environmentId: env.id, by: "7d" });
    expect(byAdmin.expiresAt.getTime()).toBeGreaterThan(Date.now() + 72 * HOUR);
    const audit = await world.db.auditEvent.findFirstOrThrow({ where: { action: "environment.extend", targetId: env.id, actorEmail: world.admin.email } });
    expect(audit.after).toMatchObject({ beyondLeaseMax: true });
  });

  it("refuses bad input at its field, and an expiry that is not later", async () => {
    const env = await environment("extend-input");
    const issues = (body: unknown) => {
      const parsed = extendEnvironmentSchema.safeParse(body);
      return parsed.success ? [] : parsed.error.issues.map((i) => i.path.join("."));
    };
    expect(issues({})).toEqual(["by"]);
    expect(issues({ by: "2h", until: "2030-01-01T00:00:00Z" })).toEqual(["by"]);
    expect(issues({ until: "tomorrow" })).toEqual(["until"]);
    expect(issues({ by: "2h", colour: "red" })).toContain("");
    expect(issues({ by: "2h" })).toEqual([]);

    expect((await failure(extendEnvironment(world.db, world.developer, { environmentId: env.id, by: "soon" }))).issues).toEqual([{ path: "by", message: "must be a duration like 2h, 1d or 90m" }]);
    const earlier = await failure(extendEnvironment(world.db, world.developer, { environmentId: env.id, until: new Date(Date.now() + HOUR).toISOString() }));
    expect(earlier).toMatchObject({ status: 400, issues: [{ path: "until" }] });
    expect(earlier.message).toMatch(/after the current expiry/);
  });

  it("is refused for viewers (403), other teams (404) and environments being or already destroyed (409)", async () => {
    const env = await environment("extend-refused");
    expect((await failure(extendEnvironment(world.db, viewer, { environmentId: env.id, by: "1h" }))).status).toBe(403);
    expect((await failure(extendEnvironment(world.db, stranger, { environmentId: env.id, by: "1h" }))).status).toBe(404);
    for (const state of ["destroying", "destroyed"] as const) {
      await world.db.environment.update({ where: { id: env.id }, data: { state } });
      const refused = await failure(extendEnvironment(world.db, world.developer, { environmentId: env.id, by: "1h" }));
      expect(refused).toMatchObject({ status: 409, code: "conflict" });
    }
    const unchanged = await world.db.environment.findUniqueOrThrow({ where: { id: env.id } });
    expect(unchanged.expiresAt).toEqual(env.expiresAt);
  });
});
