// The first admin of an install without the demo seed: migrate prints a one-time link while no
// user exists; the link (stored only as a hash, 24 h) creates one admin, once, audited.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashSetupToken, issueSetupLinkIfNoUsers, setupLinkStatus, SETUP_LINK_TTL_MS } from "../lib/identity/setup-link";
import { completeSetup, setupInputSchema, teamSlugOf } from "../lib/identity/setup-link-complete";
import { verifyPassword } from "../lib/identity/passwords";
import { prepareDatabase } from "../scripts/prepare-database";
import { failure } from "./helpers/callers";
import { createTestDatabase, type TestDatabase } from "./helpers/database";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database.drop());

const tokenOf = (url: string) => new URL(url).searchParams.get("token")!;
const input = (token: string, overrides: Record<string, string> = {}) =>
  setupInputSchema.parse({ token, email: "Ops@Example.com", name: "Olga Ops", team: "Platform Team", password: "correct horse battery", ...overrides });

describe("setup link", () => {
  it("is refused by the input schema with a short password or a bad email, at their fields", () => {
    const result = setupInputSchema.safeParse({ token: "t", email: "not-an-email", name: "A", team: "Ops", password: "short-pass1" });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((issue) => issue.path.join(".")).sort()).toEqual(["email", "password"]);
    expect(teamSlugOf("Platform Team!")).toBe("platform-team");
  });

  it("is printed by migrate without the seed while there is no user, stored only as a hash, for 24 h", async () => {
    const lines: string[] = [];
    const before = Date.now();
    const { setupLink } = await prepareDatabase({ databaseUrl: database.url, seed: null, setupLinkBaseUrl: "https://hangar.example.com", log: (line) => lines.push(line) });
    const url = lines.map((line) => line.trim()).find((line) => line.startsWith("https://hangar.example.com/setup?token="));
    expect(url, lines.join("\n")).toBeDefined();
    expect(setupLink?.url).toBe(url); // the launcher repeats it under "Hangar is up"
    const token = tokenOf(url!);
    expect(token.length).toBeGreaterThanOrEqual(43); // 32 random bytes
    const rows = await database.db.setupToken.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenHash).toBe(hashSetupToken(token));
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(rows[0]!.expiresAt.getTime() - before).toBeGreaterThanOrEqual(SETUP_LINK_TTL_MS - 1000);
    expect(rows[0]!.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(SETUP_LINK_TTL_MS);
    expect(await setupLinkStatus(database.db, token)).toBe("ready");
  });

  it("works only for the newest link, and never once expired", async () => {
    const older = await issueSetupLinkIfNoUsers(database.db, { baseUrl: "http://localhost:3000" });
    const newer = await issueSetupLinkIfNoUsers(database.db, { baseUrl: "http://localhost:3000" });
    expect(await setupLinkStatus(database.db, tokenOf(older!.url))).toBe("invalid");
    expect(await setupLinkStatus(database.db, tokenOf(newer!.url))).toBe("ready");
    expect(await setupLinkStatus(database.db, tokenOf(newer!.url), new Date(Date.now() + SETUP_LINK_TTL_MS + 1000))).toBe("invalid");
    expect(await setupLinkStatus(database.db, undefined)).toBe("invalid");
    expect(await setupLinkStatus(database.db, "made-up-token")).toBe("invalid");
    const error = await failure(completeSetup(database.db, input(tokenOf(older!.url))));
    expect(error.status).toBe(400);
    expect(error.issues.map((issue) => issue.path)).toEqual(["token"]);
    expect(await database.db.user.count()).toBe(0);
  });

  it("creates exactly one admin (with a team) when submitted twice at once, audited, and then the link is dead", async () => {
    const link = await issueSetupLinkIfNoUsers(database.db, { baseUrl: "http://localhost:3000" });
    const token = tokenOf(link!.url);
    const outcomes = await Promise.allSettled([completeSetup(database.db, input(token), { ip: "203.0.113.9" }), completeSetup(database.db, input(token, { email: "second@example.com" }))]);
    const won = outcomes.flatMap((outcome) => (outcome.status === "fulfilled" ? [outcome.value] : []));
    expect(won).toHaveLength(1);
    const lost = outcomes.find((outcome) => outcome.status === "rejected") as PromiseRejectedResult;
    expect((lost.reason as { status: number }).status).toBe(409);
    const users = await database.db.user.findMany({ include: { memberships: { include: { team: true } } }, omit: { passwordHash: false } });
    expect(users).toHaveLength(1);
    const admin = users[0]!;
    expect(admin).toMatchObject({ email: won[0]!.email, name: "Olga Ops", isAdmin: true });
    expect(["ops@example.com", "second@example.com"]).toContain(admin.email);
    expect(await verifyPassword(admin.passwordHash!, "correct horse battery")).toBe(true);
    expect(admin.memberships.map((m) => [m.team.slug, m.role])).toEqual([["platform-team", "admin"]]);
    const audit = await database.db.auditEvent.findMany({ where: { action: "setup.first_admin" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: admin.id, targetId: admin.id, actorEmail: admin.email });
    expect(JSON.stringify(audit[0]!.after)).not.toContain("correct horse");

    expect(await setupLinkStatus(database.db, token)).toBe("admin-exists");
    expect((await failure(completeSetup(database.db, input(token, { email: "third@example.com" })))).status).toBe(409);
    // Users exist now: migrate prints no link any more.
    expect(await issueSetupLinkIfNoUsers(database.db, { baseUrl: "http://localhost:3000" })).toBeNull();
    const lines: string[] = [];
    await prepareDatabase({ databaseUrl: database.url, seed: null, setupLinkBaseUrl: "http://localhost:3000", log: (line) => lines.push(line) });
    expect(lines.join("\n")).not.toContain("/setup?token=");
  });
});

describe("demo seed", () => {
  let seeded: TestDatabase;
  beforeAll(async () => {
    seeded = await createTestDatabase();
  });
  afterAll(async () => seeded.drop());

  it("moves demo users still on the published password to the install's own, and keeps a password someone chose", async () => {
    const seed = (password: string) => ({ password, sandboxEndpoint: "http://127.0.0.1:9", encryptionKey: Buffer.alloc(32, 3).toString("base64") });
    await prepareDatabase({ databaseUrl: seeded.url, seed: seed("hangar-demo") });
    const chosen = await seeded.db.user.update({ where: { email: "dev@hangar.local" }, data: { passwordHash: await import("../lib/identity/passwords").then((p) => p.hashPassword("developer-chose-this")) } });
    expect(chosen.email).toBe("dev@hangar.local");

    await prepareDatabase({ databaseUrl: seeded.url, seed: seed("generated-per-install-1") });
    const hashOf = async (email: string) => (await seeded.db.user.findUniqueOrThrow({ where: { email }, omit: { passwordHash: false } })).passwordHash!;
    expect(await verifyPassword(await hashOf("admin@hangar.local"), "generated-per-install-1")).toBe(true);
    expect(await verifyPassword(await hashOf("admin@hangar.local"), "hangar-demo")).toBe(false);
    expect(await verifyPassword(await hashOf("dev@hangar.local"), "developer-chose-this")).toBe(true);
    expect(path.basename(seeded.url)).toMatch(/^hangar_test_/);
  });
});
