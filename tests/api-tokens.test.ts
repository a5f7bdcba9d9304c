// API tokens on real Postgres: shown once and stored hashed, scopes that cap what the owner may
// do (checked by the same lib/ permission code as sessions), team service tokens, revocation
// and expiry that take effect on the next request, last use recorded, and every change audited.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken, listApiTokens, revokeApiToken, authenticateApiToken, reloadCaller } from "../lib/identity/api-tokens";
import { hashToken } from "../lib/identity/api-tokens/token-secret";
import { hasTeamPermission, teamIdsWith } from "../lib/identity/permissions";
import { createWorld, type World } from "./helpers/world";
import { failure, userWithRole } from "./helpers/callers";

let world: World;
beforeAll(async () => {
  world = await createWorld({ worker: false });
});
afterAll(async () => {
  await world?.close();
});

const context = { ip: "203.0.113.7", userAgent: "vitest" };

describe("personal tokens", () => {
  it("are shown once, stored as a hash, and act as their owner within the scope", async () => {
    const { token, item } = await createApiToken(world.db, world.developer, { name: "ci", scope: "write", expiresInDays: 30 }, context);
    expect(token).toMatch(/^hgr_[A-Za-z0-9_-]{43}$/);
    expect(item).toMatchObject({ name: "ci", scope: "write", state: "active", team: null, prefix: token.slice(0, 10) });
    const row = await world.db.apiToken.findUniqueOrThrow({ where: { id: item.id } });
    expect(row.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(JSON.stringify(await listApiTokens(world.db, world.developer))).not.toContain(token.slice(10));

    const caller = await authenticateApiToken(world.db, token, context);
    expect(caller).toMatchObject({ userId: world.developer.userId, token: { id: item.id, scope: "write", teamId: null } });
    expect(teamIdsWith(caller!, "environment:write")).toEqual(teamIdsWith(world.developer, "environment:write"));
    const used = await world.db.apiToken.findUniqueOrThrow({ where: { id: item.id } });
    expect(used.lastUsedIp).toBe("203.0.113.7");
    expect(used.lastUsedAt).not.toBeNull();
  });

  it("cap roles by scope: read sees, write cannot administer, admin keeps everything", async () => {
    const read = await createApiToken(world.db, world.admin, { name: "read", scope: "read", expiresInDays: 1 }, context);
    const write = await createApiToken(world.db, world.admin, { name: "write", scope: "write", expiresInDays: 1 }, context);
    const admin = await createApiToken(world.db, world.admin, { name: "admin", scope: "admin", expiresInDays: 1 }, context);
    const asRead = (await authenticateApiToken(world.db, read.token))!;
    const asWrite = (await authenticateApiToken(world.db, write.token))!;
    const asAdmin = (await authenticateApiToken(world.db, admin.token))!;
    const teamId = world.admin.memberships[0]!.teamId;
    expect(world.admin.isAdmin).toBe(true);
    expect(asRead.isAdmin).toBe(false);
    expect(hasTeamPermission(asRead, teamId, "environment:read")).toBe(true);
    expect(hasTeamPermission(asRead, teamId, "environment:write")).toBe(false);
    expect(asWrite.isAdmin).toBe(false);
    expect(hasTeamPermission(asWrite, teamId, "template:write")).toBe(true);
    expect(asWrite.memberships.every((m) => m.role !== "admin")).toBe(true);
    expect(asAdmin.isAdmin).toBe(true);
    // Only a session or an admin token may make more tokens.
    expect((await failure(createApiToken(world.db, asWrite, { name: "x", scope: "admin", expiresInDays: 1 }))).status).toBe(403);
    await expect(createApiToken(world.db, asAdmin, { name: "y", scope: "read", expiresInDays: 1 })).resolves.toBeTruthy();
  });

  it("stop working at once when revoked, expired, or their owner is disabled", async () => {
    const user = await userWithRole(world.db, "token-owner@example.com", "token-team", "developer");
    const { token, item } = await createApiToken(world.db, user, { name: "t", scope: "write", expiresInDays: 7 }, context);
    const caller = (await authenticateApiToken(world.db, token))!;
    expect(caller).not.toBeNull();

    await world.db.user.update({ where: { id: user.userId }, data: { disabledAt: new Date() } });
    expect(await authenticateApiToken(world.db, token)).toBeNull();
    expect(await reloadCaller(world.db, caller)).toBeNull();
    await world.db.user.update({ where: { id: user.userId }, data: { disabledAt: null } });
    expect(await reloadCaller(world.db, caller)).not.toBeNull();

    expect(await authenticateApiToken(world.db, token, {}, new Date(Date.now() + 8 * 86_400_000))).toBeNull();

    // Someone else cannot revoke it (not found, as if it did not exist); the owner can.
    expect((await failure(revokeApiToken(world.db, world.developer, { tokenId: item.id }))).status).toBe(404);
    const revoked = await revokeApiToken(world.db, user, { tokenId: item.id, context });
    expect(revoked.state).toBe("revoked");
    expect(await authenticateApiToken(world.db, token)).toBeNull();
    expect(await reloadCaller(world.db, caller)).toBeNull();
    expect(await authenticateApiToken(world.db, "hgr_" + "x".repeat(43))).toBeNull();
    expect(await authenticateApiToken(world.db, "not a token")).toBeNull();

    const audit = await world.db.auditEvent.findMany({ where: { targetType: "api_token", targetId: item.id }, orderBy: { id: "asc" } });
    expect(audit.map((e) => e.action)).toEqual(["api_token.create", "api_token.revoke"]);
    expect(audit[0]!.ip).toBe("203.0.113.7");
    expect(JSON.stringify(audit.map((e) => ({ ...e, id: String(e.id) })))).not.toContain(token);
  });

  it("refuse bad input at the field", async () => {
    const { createTokenInput } = await import("../lib/identity/api-tokens");
    const result = createTokenInput.safeParse({ name: "", scope: "root", expiresInDays: 0 });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path.join("."))).toEqual(expect.arrayContaining(["name", "scope", "expiresInDays"]));
    expect(createTokenInput.safeParse({ name: "n", scope: "read", expiresInDays: 400 }).success).toBe(false);
  });
});

describe("team service tokens", () => {
  it("act as the team's service user with the scope's role, made and listed by team admins only", async () => {
    const teamAdmin = await userWithRole(world.db, "team-admin@example.com", "svc-team", "admin");
    const member = await userWithRole(world.db, "team-dev@example.com", "svc-team", "developer");
    const teamId = teamAdmin.memberships[0]!.teamId;
    expect((await failure(createApiToken(world.db, member, { name: "deploy", scope: "write", expiresInDays: 30, teamId }))).status).toBe(403);
    expect((await failure(createApiToken(world.db, world.developer, { name: "deploy", scope: "write", expiresInDays: 30, teamId }))).status).toBe(404);

    const { token, item } = await createApiToken(world.db, teamAdmin, { name: "deploy", scope: "write", expiresInDays: 30, teamId }, context);
    expect(item.team?.id).toBe(teamId);
    const caller = (await authenticateApiToken(world.db, token))!;
    expect(caller.userId).not.toBe(teamAdmin.userId);
    expect(caller.memberships).toEqual([expect.objectContaining({ teamId, role: "platform" })]);
    expect(caller.isAdmin).toBe(false);
    const service = await world.db.user.findUniqueOrThrow({ where: { id: caller.userId } });
    expect(service.isService).toBe(true);
    expect((await world.db.user.findUniqueOrThrow({ where: { id: caller.userId }, omit: { passwordHash: false } })).passwordHash).toBeNull();

    expect((await listApiTokens(world.db, teamAdmin, { teamId })).map((t) => t.id)).toEqual([item.id]);
    expect((await failure(listApiTokens(world.db, member, { teamId }))).status).toBe(403);
    expect((await listApiTokens(world.db, teamAdmin)).map((t) => t.id)).not.toContain(item.id);
    // An admin-scoped team token makes only team tokens (seen and revoked by the team's admins),
    // never a hidden personal token of its service user that would outlive it.
    const teamAdminToken = (await authenticateApiToken(world.db, (await createApiToken(world.db, teamAdmin, { name: "ops", scope: "admin", expiresInDays: 1, teamId })).token))!;
    expect((await failure(createApiToken(world.db, teamAdminToken, { name: "hidden", scope: "admin", expiresInDays: 366 }))).status).toBe(403);
    await expect(createApiToken(world.db, teamAdminToken, { name: "next", scope: "read", expiresInDays: 1, teamId })).resolves.toBeTruthy();
    // A site admin may revoke it too.
    await revokeApiToken(world.db, world.admin, { tokenId: item.id });
    expect(await authenticateApiToken(world.db, token)).toBeNull();
  });
});
