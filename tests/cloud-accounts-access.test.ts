// Cloud account reads are authorized in lib/, not only by routes and pages: configuration
// (endpoints, key variable names, test results) is for site admins; anyone signed in gets the
// choices the request form needs.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getCloudAccount, listCloudAccountChoices, listCloudAccounts } from "../lib/cloud-accounts/manage-cloud-accounts";
import { Forbidden } from "../lib/errors";
import { createWorld, type World } from "./helpers/world";

let world: World;
beforeAll(async () => {
  world = await createWorld({ worker: false });
});
afterAll(async () => {
  await world?.close();
});

describe("cloud account reads", () => {
  it("give admins the configuration and everyone else only the choices", async () => {
    const full = await listCloudAccounts(world.db, world.admin);
    expect(full.map((a) => a.id)).toContain(world.ids.cloudAccountId);
    expect(full[0]).toHaveProperty("endpoint");
    expect((await getCloudAccount(world.db, world.admin, world.ids.cloudAccountId)).id).toBe(world.ids.cloudAccountId);

    await expect(listCloudAccounts(world.db, world.developer)).rejects.toBeInstanceOf(Forbidden);
    await expect(getCloudAccount(world.db, world.developer, world.ids.cloudAccountId)).rejects.toBeInstanceOf(Forbidden);
    const choices = await listCloudAccountChoices(world.db, world.developer);
    expect(choices.length).toBe(full.length);
    for (const choice of choices) expect(Object.keys(choice).sort()).toEqual(["defaultRegion", "id", "isDefault", "name", "provider", "regions"]);
  });
});
