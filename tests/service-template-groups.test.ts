// What the New service form offers (lib/services/list-template-groups.ts) on real Postgres: the
// templates the caller's teams may use, not archived, with the groups of their newest version
// that is not deprecated — the same version createService checks, so every offer is accepted.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Caller } from "../lib/identity/caller";
import { createService } from "../lib/services/create-service";
import { listTemplateGroups } from "../lib/services/list-template-groups";
import { createServiceSchema } from "../lib/services/schemas";
import { setVersionDeprecated, updateTemplate } from "../lib/templates/manage-template";
import { createTemplate, publishTemplateVersion } from "../lib/templates/publish-template-version";
import { userWithRole } from "./helpers/callers";
import { createWorld, type World } from "./helpers/world";

let world: World;
let developer: Caller;
let outsider: Caller;
let platform: Caller;

const group = (name: string) => `  - name: ${name}\n    image: ami-0123456789abcdef0\n    instanceType: t3.micro\n`;
const source = (...groups: string[]) => `name: Offered\nlease: { default: 1h, max: 1d }\ninstanceGroups:\n${groups.map(group).join("")}`;

beforeAll(async () => {
  world = await createWorld({ worker: false });
  developer = world.developer;
  outsider = await userWithRole(world.db, "tg-outsider@test.local", "elsewhere-tg", "developer");
  platform = await userWithRole(world.db, "tg-platform@test.local", "demo", "platform");
  await createTemplate(world.db, platform, { slug: "offered", source: source("web", "worker") });
  await publishTemplateVersion(world.db, platform, { template: "offered", source: source("web") });
  await setVersionDeprecated(world.db, platform, { template: "offered", version: 2, deprecated: true });
  // Its owner team (demo) only.
  await updateTemplate(world.db, platform, "offered", { sharedWith: [] });
  await createTemplate(world.db, platform, { slug: "retired", source: source("web") });
  await updateTemplate(world.db, platform, "retired", { archived: true });
});
afterAll(async () => {
  await world?.close();
});

describe("listTemplateGroups", () => {
  it("offers the newest version that is not deprecated, and never an archived template", async () => {
    const offers = await listTemplateGroups(world.db, developer);
    expect(offers.find((t) => t.slug === "offered")).toMatchObject({ version: 1, groups: ["web", "worker"] });
    expect(offers.find((t) => t.slug === "web-dev")?.groups).toContain("web");
    expect(offers.map((t) => t.slug)).not.toContain("retired");
  });

  it("offers only templates the caller's teams may use", async () => {
    const offers = await listTemplateGroups(world.db, outsider);
    expect(offers.map((t) => t.slug)).not.toContain("offered");
  });

  it("every group it offers is one createService accepts", async () => {
    const offer = (await listTemplateGroups(world.db, developer)).find((t) => t.slug === "offered")!;
    for (const instanceGroup of offer.groups) {
      const created = await createService(world.db, developer, createServiceSchema.parse({ name: `on-${instanceGroup}`, template: offer.id, instanceGroup }));
      expect(created.instanceGroup).toBe(instanceGroup);
    }
  });
});
