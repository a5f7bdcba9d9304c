import { describe, expect, it } from "vitest";
import type { Caller } from "./caller";
import { canPublishTemplates, hasTeamPermission, requireSiteAdmin, teamIdsWith } from "./permissions";

const caller = (memberships: [string, Caller["memberships"][number]["role"]][], isAdmin = false): Caller => ({
  userId: "u",
  email: "u@example.com",
  name: "U",
  sessionVersion: 0,
  isAdmin,
  memberships: memberships.map(([teamId, role]) => ({ teamId, teamSlug: teamId, teamName: teamId, role })),
});

describe("team permissions", () => {
  const mixed = caller([
    ["a", "viewer"],
    ["b", "developer"],
    ["c", "platform"],
  ]);

  it("ranks roles: viewers read, developers change environments, platform publishes templates", () => {
    expect(teamIdsWith(mixed, "environment:read")).toEqual(["a", "b", "c"]);
    expect(teamIdsWith(mixed, "environment:write")).toEqual(["b", "c"]);
    expect(teamIdsWith(mixed, "template:write")).toEqual(["c"]);
    expect(hasTeamPermission(mixed, "a", "environment:write")).toBe(false);
    expect(hasTeamPermission(mixed, "z", "environment:read")).toBe(false);
    expect(canPublishTemplates(mixed)).toBe(true);
    expect(canPublishTemplates(caller([["a", "developer"]]))).toBe(false);
  });

  it("site admins have every permission in their teams, and only they pass requireSiteAdmin", () => {
    const admin = caller([["a", "viewer"]], true);
    expect(teamIdsWith(admin, "environment:write")).toEqual(["a"]);
    expect(() => requireSiteAdmin(admin)).not.toThrow();
    expect(() => requireSiteAdmin(mixed)).toThrow(/administrators/);
  });
});
