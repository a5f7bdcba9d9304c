// Cloud accounts belong to a team or are shared with teams, and lib/ keeps to that everywhere an
// account is offered or used: the choices the request form gets, a request (another team's
// account is not found), live options, remembered placements and, at run time, the worker's
// launch (a share withdrawn after the request stops it). Configuration (endpoints, key
// variable names, test results, sharing) is for site admins, and every sharing change is audited.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCloudAccount, getCloudAccount, listCloudAccountChoices, listCloudAccounts, updateCloudAccount } from "../lib/cloud-accounts/manage-cloud-accounts";
import { createProviderRegistry } from "../lib/cloud-accounts/create-provider-registry";
import { AccountNotShared } from "../lib/cloud-accounts/account-access";
import { createCloudAccountSchema, type CreateCloudAccountInput } from "../lib/cloud-accounts/schemas";
import { noRateLimiter } from "../lib/cloud/rate-limit/limits";
import { planRequest } from "../lib/environments/plan-request";
import { requestEnvironment } from "../lib/environments/request-environment";
import { Forbidden } from "../lib/errors";
import type { Caller } from "../lib/identity/caller";
import { SANDBOX_ACCESS_KEY_ID, SANDBOX_SECRET_ACCESS_KEY } from "../lib/seed/seed-demo";
import { getParameterOptions } from "../lib/templates/live-options/get-parameter-options";
import { failure, userWithRole } from "./helpers/callers";
import { createWorld, eventually, type World } from "./helpers/world";

let world: World;
let teamB: Caller;
let bOnlyId: string;

const account = (name: string, extra: Partial<CreateCloudAccountInput> = {}): CreateCloudAccountInput & { encryptionKey: string } => ({
  name,
  provider: "sandbox",
  regions: ["us-east-1", "eu-west-1"],
  defaultRegion: "us-east-1",
  endpoint: world.sandbox.url,
  credentials: { source: "static", accessKeyId: SANDBOX_ACCESS_KEY_ID, secretAccessKey: SANDBOX_SECRET_ACCESS_KEY },
  rateLimitMode: "off",
  isDefault: false,
  encryptionKey: world.encryptionKey,
  ...extra,
});

beforeAll(async () => {
  world = await createWorld({ worker: false });
  teamB = await userWithRole(world.db, "b-dev@example.test", "team-b", "developer");
  bOnlyId = (await createCloudAccount(world.db, world.admin, account("b-only", { ownerTeam: "team-b" }))).id;
});
afterAll(async () => {
  await world?.close();
});

describe("cloud account reads", () => {
  it("give admins every account's configuration and everyone else the choices their teams may use", async () => {
    const full = await listCloudAccounts(world.db, world.admin);
    expect(full.map((a) => a.name).sort()).toEqual(["b-only", "sandbox"]);
    expect(full.find((a) => a.name === "b-only")).toMatchObject({ ownerTeam: { slug: "team-b" }, sharedWith: [] });
    // The demo's sandbox (and every account from before accounts had teams) is shared with all.
    expect(full.find((a) => a.name === "sandbox")).toMatchObject({ ownerTeam: null, sharedWith: "all" });
    expect((await getCloudAccount(world.db, world.admin, bOnlyId)).id).toBe(bOnlyId);

    await expect(listCloudAccounts(world.db, world.developer)).rejects.toBeInstanceOf(Forbidden);
    await expect(getCloudAccount(world.db, world.developer, bOnlyId)).rejects.toBeInstanceOf(Forbidden);
    const demo = await listCloudAccountChoices(world.db, world.developer);
    expect(demo.map((c) => c.name)).toEqual(["sandbox"]);
    for (const choice of demo) expect(Object.keys(choice).sort()).toEqual(["defaultRegion", "id", "isDefault", "name", "provider", "regions", "teams"]);
    expect((await listCloudAccountChoices(world.db, teamB)).map((c) => [c.name, c.teams])).toEqual([["b-only", ["team-b"]], ["sandbox", ["team-b"]]]);
  });
});

describe("using an account", () => {
  const request = (caller: Caller, cloudAccount?: string) => planRequest(world.db, caller, { name: "probe", template: "web-dev", parameters: {}, ...(cloudAccount ? { cloudAccount } : {}) });

  it("another team's account is not found, by name or id, for a request and for live options", async () => {
    for (const ref of ["b-only", bOnlyId]) {
      const refused = await failure(request(world.developer, ref));
      expect([refused.status, refused.issues]).toEqual([404, [{ path: "cloudAccount", message: "not found" }]]);
    }
    expect((await request(teamB, "b-only")).account.name).toBe("b-only");

    const providers = createProviderRegistry({ db: world.db, encryptionKey: world.encryptionKey, rateLimiter: noRateLimiter });
    try {
      const options = (caller: Caller) => getParameterOptions(world.db, caller, { providers }, { template: "vpc-box", parameter: "zone", values: {}, cloudAccount: "b-only" });
      expect((await failure(options(world.developer))).issues).toEqual([{ path: "cloudAccount", message: "not found" }]);
      expect((await options(teamB)).options.length).toBeGreaterThan(0);
    } finally {
      providers.close();
    }
  });

  it("without a named account: the default when the team may use it, else the team's only account", async () => {
    const sandbox = (await listCloudAccounts(world.db, world.admin)).find((a) => a.name === "sandbox")!;
    expect((await request(teamB)).account.name).toBe("sandbox");
    await updateCloudAccount(world.db, world.admin, { id: sandbox.id, ownerTeam: "demo", sharedWith: [], encryptionKey: world.encryptionKey });
    try {
      expect((await request(teamB)).account.name).toBe("b-only");
      expect((await request(world.developer)).account.name).toBe("sandbox");
    } finally {
      await updateCloudAccount(world.db, world.admin, { id: sandbox.id, ownerTeam: null, sharedWith: "all", encryptionKey: world.encryptionKey });
    }
  });
});

describe("sharing", () => {
  it("is a site admin's change, checked and audited with before and after", async () => {
    await expect(updateCloudAccount(world.db, world.developer, { id: bOnlyId, sharedWith: ["demo"], encryptionKey: world.encryptionKey })).rejects.toBeInstanceOf(Forbidden);
    const shared = await updateCloudAccount(world.db, world.admin, { id: bOnlyId, sharedWith: ["demo", "demo"], encryptionKey: world.encryptionKey, context: { ip: "10.0.0.7" } });
    expect(shared.sharedWith).toEqual([{ slug: "demo", name: "Demo team" }]);
    expect((await listCloudAccountChoices(world.db, world.developer)).map((c) => c.name)).toEqual(["b-only", "sandbox"]);

    const event = await world.db.auditEvent.findFirstOrThrow({ where: { action: "cloud_account.update", targetId: bOnlyId }, orderBy: { id: "desc" } });
    expect(event.before).toMatchObject({ ownerTeam: { slug: "team-b" }, sharedWith: [] });
    expect(event.after).toMatchObject({ ownerTeam: { slug: "team-b" }, sharedWith: [{ slug: "demo" }] });
    expect(JSON.stringify([event.before, event.after])).not.toContain(SANDBOX_SECRET_ACCESS_KEY);

    // Saving the same sharing again changes nothing and records nothing.
    const events = await world.db.auditEvent.count({ where: { targetId: bOnlyId } });
    await updateCloudAccount(world.db, world.admin, { id: bOnlyId, sharedWith: ["demo"], encryptionKey: world.encryptionKey });
    expect(await world.db.auditEvent.count({ where: { targetId: bOnlyId } })).toBe(events);

    const unknown = await failure(updateCloudAccount(world.db, world.admin, { id: bOnlyId, sharedWith: ["demo", "nope"], encryptionKey: world.encryptionKey }));
    expect([unknown.status, unknown.issues]).toEqual([400, [{ path: "sharedWith.1", message: "There is no team 'nope'" }]]);
    const nobody = await failure(updateCloudAccount(world.db, world.admin, { id: bOnlyId, ownerTeam: null, sharedWith: [], encryptionKey: world.encryptionKey }));
    expect(nobody.issues.map((i) => i.path)).toEqual(["ownerTeam"]);
    await updateCloudAccount(world.db, world.admin, { id: bOnlyId, sharedWith: [], encryptionKey: world.encryptionKey });
  });

  it("is never 'all teams' by default: a new account names its owner, its teams or all", () => {
    const body = { name: "x-acct", provider: "aws", regions: ["us-east-1"], defaultRegion: "us-east-1", credentials: { source: "default_chain" } };
    const refused = createCloudAccountSchema.safeParse(body);
    expect(refused.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["ownerTeam", "Choose the team that owns this account, or teams to share it with"]]);
    expect(createCloudAccountSchema.safeParse({ ...body, sharedWith: "all" }).success).toBe(true);
    expect(createCloudAccountSchema.safeParse({ ...body, ownerTeam: "demo" }).success).toBe(true);
  });
});

describe("launching", () => {
  it("a share withdrawn after the request stops the launch in the worker, saying why", async () => {
    const acct = await createCloudAccount(world.db, world.admin, account("shared-then-not", { ownerTeam: "team-b", sharedWith: ["demo"] }));
    const requested = await requestEnvironment(world.db, world.developer, { name: "revoked-share", template: "web-dev", parameters: {}, cloudAccount: acct.name });
    await updateCloudAccount(world.db, world.admin, { id: acct.id, sharedWith: [], encryptionKey: world.encryptionKey });

    // The registry refuses it for the environment's team and still serves it to its owner.
    const providers = createProviderRegistry({ db: world.db, encryptionKey: world.encryptionKey, rateLimiter: noRateLimiter });
    try {
      await expect(providers.providerForLaunch(acct.id, "us-east-1", world.ids.teamId)).rejects.toBeInstanceOf(AccountNotShared);
      await expect(providers.providerForLaunch(acct.id, "us-east-1", teamB.memberships[0]!.teamId)).resolves.toBeDefined();
    } finally {
      providers.close();
    }

    await world.startWorker();
    await world.relay(requested.outbox);
    const run = await eventually(async () => {
      const row = await world.db.run.findUniqueOrThrow({ where: { id: requested.runId } });
      return row.state === "failed" ? row : undefined;
    }, { what: "the run to fail" });
    expect(run.error).toMatch(/Cloud account shared-then-not is not shared with team demo/);
    expect(await world.db.instance.count({ where: { environmentId: requested.environmentId } })).toBe(0);
  });
});
