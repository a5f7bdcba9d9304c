// The teams a new template can be shared with: every team's slug and name for those who publish
// templates (a platform team serves teams it is not in), and nothing for anyone else.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../lib/db/ids";
import { Forbidden } from "../lib/errors";
import { loadCaller, type Caller } from "../lib/identity/caller";
import { listShareTeams } from "../lib/templates/list-share-teams";
import { createWorld, type World } from "./helpers/world";

let world: World;
let platform: Caller;

beforeAll(async () => {
  world = await createWorld({ worker: false });
  const platformTeam = await world.db.team.create({ data: { id: newId(), slug: "share-platform", name: "Platform" } });
  await world.db.team.create({ data: { id: newId(), slug: "share-other", name: "Another team" } });
  const user = await world.db.user.create({ data: { id: newId(), email: "share-plat@test.local", name: "Plat" } });
  await world.db.membership.create({ data: { userId: user.id, teamId: platformTeam.id, role: "platform" } });
  platform = (await loadCaller(world.db, user.id))!;
});
afterAll(async () => {
  await world?.close();
});

describe("listShareTeams", () => {
  it("gives a platform engineer every team, theirs or not, by name, with only slug and name", async () => {
    const teams = await listShareTeams(world.db, platform);
    expect(teams).toEqual(expect.arrayContaining([{ slug: "share-other", name: "Another team" }, { slug: "share-platform", name: "Platform" }]));
    const slugs = teams.map((team) => team.slug);
    expect(slugs.indexOf("share-other")).toBeLessThan(slugs.indexOf("share-platform"));
    for (const team of teams) expect(Object.keys(team).sort()).toEqual(["name", "slug"]);
    expect(await listShareTeams(world.db, world.admin)).toEqual(teams);
  });

  it("refuses a developer", async () => {
    await expect(listShareTeams(world.db, world.developer)).rejects.toBeInstanceOf(Forbidden);
  });
});
