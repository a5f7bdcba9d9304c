// Settings and site administration on real Postgres: a password change needs the current
// password and ends every session; "sign out everywhere" ends them too; invitations create a
// password-less user with a one-time link (hashed, 7 days) that sets the password once; team
// roles are replaced and audited before/after; service users are not listed as people; all of
// it is site-admin-only where it should be, decided in lib/.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { changePassword, changePasswordInput } from "../lib/identity/change-password";
import { signOutEverywhere } from "../lib/identity/sign-out-everywhere";
import { INVITE_TTL_MS, inviteUser, reissueInvitation } from "../lib/identity/invite-user";
import { acceptInvitation, findInvitation } from "../lib/identity/invite-accept";
import { setUserRoles } from "../lib/identity/set-user-roles";
import { listUsers } from "../lib/identity/users";
import { updateProfile } from "../lib/identity/update-profile";
import { authenticateWithPassword } from "../lib/identity/authenticate-with-password";
import { hashSetupToken } from "../lib/identity/setup-link";
import { hashPassword } from "../lib/identity/passwords";
import { loadCaller, type Caller } from "../lib/identity/caller";
import { createApiToken } from "../lib/identity/api-tokens";
import { newId } from "../lib/db/ids";
import { Throttled } from "../lib/errors";
import { createTestDatabase, type TestDatabase } from "./helpers/database";
import { failure, userWithRole } from "./helpers/callers";

let database: TestDatabase;
let admin: Caller;
let teamId: string;
let otherTeamId: string;
beforeAll(async () => {
  database = await createTestDatabase();
  admin = await userWithRole(database.db, "root@example.com", "platform", "admin");
  await database.db.user.update({ where: { id: admin.userId }, data: { isAdmin: true } });
  admin = (await loadCaller(database.db, admin.userId))!;
  teamId = admin.memberships[0]!.teamId;
  otherTeamId = (await database.db.team.create({ data: { id: newId(), slug: "payments", name: "Payments" } })).id;
});
afterAll(async () => database?.drop());

const db = () => database.db;
const context = { ip: "203.0.113.9", userAgent: "vitest" };
const tokenOf = (url: string) => new URL(url).searchParams.get("token")!;

async function personWithPassword(email: string, password: string): Promise<Caller> {
  const caller = await userWithRole(db(), email, "platform", "developer");
  await db().user.update({ where: { id: caller.userId }, data: { passwordHash: await hashPassword(password) } });
  return (await loadCaller(db(), caller.userId))!;
}

async function lastAudit(action: string) {
  return db().auditEvent.findFirst({ where: { action }, orderBy: { id: "desc" } });
}

describe("password change", () => {
  it("refuses a wrong current password at currentPassword, a short or unconfirmed new one at its field", async () => {
    const user = await personWithPassword("pat@example.com", "old password one");
    const wrong = await failure(changePassword(db(), user, { currentPassword: "not it", newPassword: "a brand new password", confirmPassword: "a brand new password" }));
    expect(wrong.status).toBe(400);
    expect(wrong.issues).toEqual([{ path: "currentPassword", message: "is not right" }]);
    const parsed = changePasswordInput.safeParse({ currentPassword: "x", newPassword: "short", confirmPassword: "other" });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((issue) => issue.path.join("."))).toEqual(expect.arrayContaining(["newPassword", "confirmPassword"]));
    expect((await loadCaller(db(), user.userId, user.sessionVersion))?.userId).toBe(user.userId);
  });

  it("counts wrong current passwords against the account's sign-in throttle, which refuses while blocked", async () => {
    const user = await personWithPassword("Sam@example.com", "old password four");
    const seen: string[] = [];
    let blocked = false;
    const throttle = {
      check: async (key: string) => {
        seen.push(`check ${key}`);
        if (blocked) throw new Throttled("Too many failed password attempts for this account; try again in 30 s", 30);
      },
      failure: async (key: string) => void seen.push(`failure ${key}`),
      success: async (key: string) => void seen.push(`success ${key}`),
    };
    const change = (currentPassword: string) => changePassword(db(), user, { currentPassword, newPassword: "new password four!", confirmPassword: "new password four!" }, context, throttle);
    expect((await failure(change("not it"))).status).toBe(400);
    expect(seen).toEqual(["check sam@example.com", "failure sam@example.com"]);
    blocked = true;
    expect((await failure(change("old password four"))).status).toBe(429);
    expect(await loadCaller(db(), user.userId, user.sessionVersion)).not.toBeNull();
    blocked = false;
    await change("old password four");
    expect(seen.at(-1)).toBe("success sam@example.com");
  });

  it("ends every session (sessionVersion bumped), takes the new password, and is audited without it", async () => {
    const user = await personWithPassword("quinn@example.com", "old password two");
    await changePassword(db(), user, { currentPassword: "old password two", newPassword: "new password two!", confirmPassword: "new password two!" }, context);
    expect(await loadCaller(db(), user.userId, user.sessionVersion)).toBeNull();
    expect(await authenticateWithPassword(db(), { email: "quinn@example.com", password: "old password two" })).toBeNull();
    expect(await authenticateWithPassword(db(), { email: "quinn@example.com", password: "new password two!" })).toMatchObject({ id: user.userId });
    const event = await lastAudit("user.password_change");
    expect(event).toMatchObject({ actorId: user.userId, targetId: user.userId, ip: "203.0.113.9" });
    expect(JSON.stringify(event, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v))).not.toContain("new password two!");
  });

  it("is not possible with an API token, even admin-scoped", async () => {
    const user = await personWithPassword("rae@example.com", "old password three");
    const tokenCaller: Caller = { ...user, token: { id: "t", scope: "admin", teamId: null } };
    const error = await failure(changePassword(db(), tokenCaller, { currentPassword: "old password three", newPassword: "new password three", confirmPassword: "new password three" }));
    expect(error.status).toBe(403);
    expect((await failure(signOutEverywhere(db(), tokenCaller))).status).toBe(403);
  });
});

describe("sign out everywhere and profile", () => {
  it("bumps sessionVersion so every session ends, audited", async () => {
    const user = await personWithPassword("sam@example.com", "old password four");
    await signOutEverywhere(db(), user, context);
    expect(await loadCaller(db(), user.userId, user.sessionVersion)).toBeNull();
    expect(await loadCaller(db(), user.userId, user.sessionVersion + 1)).not.toBeNull();
    expect(await lastAudit("user.sign_out_everywhere")).toMatchObject({ actorId: user.userId, targetId: user.userId });
  });

  it("changes the name, audited before/after", async () => {
    const user = await personWithPassword("tess@example.com", "old password five");
    expect(await updateProfile(db(), user, { name: "Tess Tester" })).toEqual({ name: "Tess Tester", email: "tess@example.com" });
    expect(await lastAudit("user.profile_update")).toMatchObject({ before: { name: "tess@example.com" }, after: { name: "Tess Tester" } });
  });
});

describe("invitations", () => {
  it("create a user who cannot sign in, with a hashed one-time link valid 7 days that sets the password once", async () => {
    const before = Date.now();
    const invitation = await inviteUser(db(), admin, { email: "New.Person@Example.com", name: "New Person", teamId, role: "developer", baseUrl: "https://hangar.example.com", context });
    expect(invitation.inviteUrl).toMatch(/^https:\/\/hangar\.example\.com\/invite\?token=[A-Za-z0-9_-]{43}$/);
    const token = tokenOf(invitation.inviteUrl);
    const row = await db().invitation.findFirstOrThrow({ where: { userId: invitation.user.id } });
    expect(row.tokenHash).toBe(hashSetupToken(token));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(row.expiresAt.getTime() - before).toBeGreaterThanOrEqual(INVITE_TTL_MS - 1000);
    expect(row.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(INVITE_TTL_MS);
    const invited = (await loadCaller(db(), invitation.user.id))!;
    expect(invited).toMatchObject({ email: "new.person@example.com", isAdmin: false, memberships: [{ teamId, role: "developer" }] });
    expect(await lastAudit("user.invite")).toMatchObject({ targetId: invitation.user.id, teamId, after: { email: "new.person@example.com", role: "developer", team: "platform" } });

    expect(await findInvitation(db(), token)).toEqual({ state: "ready", email: "new.person@example.com", name: "New Person" });
    expect(await findInvitation(db(), token, new Date(Date.now() + INVITE_TTL_MS + 1000))).toEqual({ state: "invalid" });
    await acceptInvitation(db(), { token, password: "my own password", confirmPassword: "my own password" });
    expect(await authenticateWithPassword(db(), { email: "new.person@example.com", password: "my own password" })).toMatchObject({ id: invitation.user.id });
    const again = await failure(acceptInvitation(db(), { token, password: "someone elses pw", confirmPassword: "someone elses pw" }));
    expect(again.issues.map((issue) => issue.path)).toEqual(["token"]);
    expect(await authenticateWithPassword(db(), { email: "new.person@example.com", password: "someone elses pw" })).toBeNull();
  });

  it("refuses a taken email or an unknown team at the field, non-admins entirely", async () => {
    const taken = await failure(inviteUser(db(), admin, { email: "root@example.com", name: "Again", teamId, role: "viewer", baseUrl: "http://localhost:3000" }));
    expect(taken.issues.map((issue) => issue.path)).toEqual(["email"]);
    const noTeam = await failure(inviteUser(db(), admin, { email: "x@example.com", name: "X", teamId: "no-such-team", role: "viewer", baseUrl: "http://localhost:3000" }));
    expect(noTeam.issues.map((issue) => issue.path)).toEqual(["teamId"]);
    const developer = await personWithPassword("dev@example.com", "developer password");
    expect((await failure(inviteUser(db(), developer, { email: "y@example.com", name: "Y", teamId, role: "admin", baseUrl: "http://localhost:3000" }))).status).toBe(403);
    expect(await db().user.count({ where: { email: { in: ["x@example.com", "y@example.com"] } } })).toBe(0);
  });

  it("can be issued again while pending, retiring the older link", async () => {
    const first = await inviteUser(db(), admin, { email: "late@example.com", name: "Late", teamId, role: "viewer", baseUrl: "http://localhost:3000" });
    const second = await reissueInvitation(db(), admin, { userId: first.user.id, baseUrl: "http://localhost:3000" });
    expect(await findInvitation(db(), tokenOf(first.inviteUrl))).toEqual({ state: "invalid" });
    expect((await findInvitation(db(), tokenOf(second.inviteUrl))).state).toBe("ready");
    await acceptInvitation(db(), { token: tokenOf(second.inviteUrl), password: "late but here ok", confirmPassword: "late but here ok" });
    expect((await failure(reissueInvitation(db(), admin, { userId: first.user.id, baseUrl: "http://localhost:3000" }))).status).toBe(400);
  });
});

describe("team roles and the users list", () => {
  it("replace a user's roles, audited before/after; a team twice or an unknown team is refused at its index", async () => {
    const user = await personWithPassword("uma@example.com", "uma password ok");
    const result = await setUserRoles(db(), admin, { userId: user.userId, roles: [{ teamId: otherTeamId, role: "admin" }, { teamId, role: "viewer" }], context });
    expect(result.teams).toEqual([{ team: "payments", role: "admin" }, { team: "platform", role: "viewer" }]);
    expect((await loadCaller(db(), user.userId))!.memberships.map((m) => [m.teamSlug, m.role]).sort()).toEqual([["payments", "admin"], ["platform", "viewer"]]);
    expect(await lastAudit("user.roles_change")).toMatchObject({
      targetId: user.userId,
      before: { teams: [{ team: "platform", role: "developer" }] },
      after: { teams: [{ team: "payments", role: "admin" }, { team: "platform", role: "viewer" }] },
    });
    const twice = await failure(setUserRoles(db(), admin, { userId: user.userId, roles: [{ teamId, role: "viewer" }, { teamId, role: "admin" }] }));
    expect(twice.issues.map((issue) => issue.path)).toEqual(["roles.1.teamId"]);
    const unknown = await failure(setUserRoles(db(), admin, { userId: user.userId, roles: [{ teamId: "nope", role: "viewer" }] }));
    expect(unknown.issues.map((issue) => issue.path)).toEqual(["roles.0.teamId"]);
    expect((await failure(setUserRoles(db(), user, { userId: user.userId, roles: [] }))).status).toBe(403);
  });

  it("leaves out service users, and shows who is still invited", async () => {
    const created = await createApiToken(db(), admin, { name: "ci", scope: "read", expiresInDays: 7, teamId });
    const serviceUser = await db().apiToken.findUniqueOrThrow({ where: { id: created.item.id }, select: { userId: true } });
    const page = await listUsers(db(), admin, { limit: 100 });
    expect(page.items.map((user) => user.id)).not.toContain(serviceUser.userId);
    expect(page.items.some((user) => user.email.endsWith(".tokens.hangar.invalid"))).toBe(false);
    const roles = await failure(setUserRoles(db(), admin, { userId: serviceUser.userId, roles: [] }));
    expect(roles.status).toBe(404);
    const pending = await inviteUser(db(), admin, { email: "pending@example.com", name: "Pending", teamId, role: "viewer", baseUrl: "http://localhost:3000" });
    const listed = (await listUsers(db(), admin, { limit: 100, search: "pending@" })).items;
    expect(listed).toHaveLength(1);
    expect(listed[0]!.invitation?.expiresAt.getTime()).toBe(pending.expiresAt.getTime());
    expect((await listUsers(db(), admin, { limit: 100, search: "root@" })).items[0]!.invitation).toBeNull();
  });
});
