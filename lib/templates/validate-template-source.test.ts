import { describe, expect, it } from "vitest";
import { Forbidden, Invalid } from "../errors";
import type { Caller } from "../identity/caller";
import { MAX_TEMPLATE_BYTES, parseTemplateSource } from "./parse-template-source";
import { validateTemplateSource } from "./validate-template-source";

const caller = (role: "platform" | "developer", isAdmin = false): Caller => ({
  userId: "u1",
  email: "u1@example.com",
  name: "U1",
  isAdmin,
  sessionVersion: 1,
  memberships: [{ teamId: "t1", teamSlug: "t1", teamName: "T1", role }],
});
const good = "name: Box\nlease: { default: 1h, max: 1d }\ninstanceGroups:\n  - name: web\n    image: ami-0123456789abcdef0\n    instanceType: t3.micro\n";

describe("validateTemplateSource", () => {
  it("answers with publishing's own verdict and issues", () => {
    expect(validateTemplateSource(caller("platform"), good)).toEqual({ valid: true, issues: [] });
    const bad = good.replace("1h", "2d");
    const parsed = parseTemplateSource(bad);
    expect(validateTemplateSource(caller("platform"), bad)).toEqual({ valid: false, issues: parsed.ok ? [] : parsed.issues });
    expect(validateTemplateSource(caller("platform"), bad).issues[0]).toMatchObject({ path: "lease.default", line: 2 });
  });

  it("is for those who may publish: platform, admin role, or site admins", () => {
    expect(() => validateTemplateSource(caller("developer"), good)).toThrow(Forbidden);
    expect(validateTemplateSource(caller("developer", true), good).valid).toBe(true);
  });

  it("refuses a source over the size cap as a bad request, not as a template problem", () => {
    // Multi-byte characters: under the cap in characters, over it in bytes.
    const huge = `name: Box\ndescription: "${"é".repeat(MAX_TEMPLATE_BYTES / 2)}"\n`;
    expect(() => validateTemplateSource(caller("platform"), huge)).toThrow(Invalid);
  });
});
