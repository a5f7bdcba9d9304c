// Cloud accounts: admins manage them, secrets go in and never come out, "test connection"
// really calls the cloud, an account belongs to its team (others neither see nor use it), and
// bad input is a sentence at its field.
import { randomBytes } from "node:crypto";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { ADMIN_EMAIL, DEVELOPER_EMAIL, expectError, signedInContext, uniqueName } from "../support/api";
import { createUser, databaseUrl } from "../support/users";

test.describe.configure({ mode: "serial" });

type Account = { id: string; name: string; provider: string; accessKeyId: string | null; hasSecret: boolean; regions: string[]; defaultRegion: string; rateLimitMode: string; endpoint: string | null };
type TestResult = { ok: boolean; message: string; region: string; latencyMs: number };

let admin: APIRequestContext;
let developer: APIRequestContext;
const created: string[] = [];

const ACCESS_KEY_ID = `AKIAE2E${randomBytes(6).toString("hex").toUpperCase()}`;
const SECRET = `e2e-secret-${randomBytes(12).toString("hex")}`;
const accountName = (label: string) => `e2e-${label}-${randomBytes(3).toString("hex")}`;

test.beforeAll(async () => {
  admin = await signedInContext(ADMIN_EMAIL);
  developer = await signedInContext(DEVELOPER_EMAIL);
});

test.afterAll(async () => {
  for (const id of created) await admin.delete(`/api/v1/cloud-accounts/${id}`).catch(() => undefined);
  await admin.dispose();
  await developer.dispose();
});

async function accountCount(): Promise<number> {
  return ((await (await admin.get("/api/v1/cloud-accounts")).json()) as { items: unknown[] }).items.length;
}

const awsAccount = (name: string) => ({
  name,
  provider: "aws",
  regions: ["us-east-1", "eu-west-1"],
  defaultRegion: "us-east-1",
  credentials: { source: "static", accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET },
  ownerTeam: "demo",
});

type Choice = { id: string; name: string; teams: string[] };
const choices = async (context: APIRequestContext) => ((await (await context.get("/api/v1/cloud-accounts")).json()) as { items: Choice[] }).items;

test("a developer sees accounts without their details and cannot create one (403)", async () => {
  const before = await accountCount();
  const list = (await (await developer.get("/api/v1/cloud-accounts")).json()) as { items: Record<string, unknown>[] };
  expect(list.items.map((a) => a.name)).toContain("sandbox");
  for (const item of list.items) expect(Object.keys(item).sort()).toEqual(["defaultRegion", "id", "isDefault", "name", "provider", "regions", "teams"]);
  await expectError(await developer.post("/api/v1/cloud-accounts", { data: awsAccount(accountName("dev")) }), 403, "forbidden");
  const sandboxId = (list.items.find((a) => a.name === "sandbox") as { id: string }).id;
  await expectError(await developer.get(`/api/v1/cloud-accounts/${sandboxId}`), 403, "forbidden");
  await expectError(await developer.post(`/api/v1/cloud-accounts/${sandboxId}/test`, { data: {} }), 403, "forbidden");
  expect(await accountCount()).toBe(before);
});

test("invalid input is 400 at the field, with a sentence that says what is wrong", async () => {
  const before = await accountCount();
  const message = async (body: Record<string, unknown>, path: string) => {
    const error = await expectError(await admin.post("/api/v1/cloud-accounts", { data: { ...awsAccount(accountName("bad")), ...body } }), 400, "invalid", path);
    return error.error.issues!.find((issue) => issue.path === path)!.message;
  };
  expect(await message({ defaultRegion: "mars-1" }, "defaultRegion")).toBe("'mars-1' is not an AWS region (like us-east-1)");
  expect(await message({ regions: ["us-east-1", "us-east-9"] }, "regions.1")).toBe("'us-east-9' is not an AWS region (like us-east-1)");
  expect(await message({ credentials: { source: "static", accessKeyId: "short", secretAccessKey: SECRET } }, "credentials.accessKeyId")).toMatch(/^An AWS access key id is 16–128/);
  expect(await message({ endpoint: "ftp://ec2.example.internal" }, "endpoint")).toMatch(/^Endpoint must be an http:\/\/ or https:\/\/ URL/);
  // Environment-variable credentials only from names with the operator's prefix.
  expect(await message({ credentials: { source: "env", accessKeyIdEnv: "AWS_SECRET_ACCESS_KEY", secretAccessKeyEnv: "CLOUD_CREDENTIAL_E2E_SECRET" } }, "credentials.accessKeyIdEnv")).toMatch(/must start with CLOUD_CREDENTIAL_/);
  // "All teams" is a choice, never the default: an account nobody may use is refused.
  expect(await message({ ownerTeam: undefined }, "ownerTeam")).toBe("Choose the team that owns this account, or teams to share it with");
  expect(await message({ sharedWith: ["demo", "no-such-team"] }, "sharedWith.1")).toBe("There is no team 'no-such-team'");
  expect(await accountCount()).toBe(before);
});

test("an admin creates an aws account with static keys: the secret never comes back", async () => {
  const name = accountName("aws");
  const response = await admin.post("/api/v1/cloud-accounts", { data: awsAccount(name) });
  expect(response.status(), await response.text()).toBe(201);
  const text = await response.text();
  const account = JSON.parse(text) as Account;
  created.push(account.id);
  expect(account).toMatchObject({ name, provider: "aws", hasSecret: true, regions: ["us-east-1", "eu-west-1"] });
  expect(account.accessKeyId).toBe(`${ACCESS_KEY_ID.slice(0, 4)}…${ACCESS_KEY_ID.slice(-4)}`);
  expect(text).not.toContain(SECRET);
  expect(text).not.toContain(ACCESS_KEY_ID);
  expect(text).not.toMatch(/secretAccessKey(Enc)?"/);

  for (const read of [await admin.get(`/api/v1/cloud-accounts/${account.id}`), await admin.get("/api/v1/cloud-accounts")]) {
    expect(read.status()).toBe(200);
    const body = await read.text();
    expect(body).not.toContain(SECRET);
    expect(body).not.toContain(ACCESS_KEY_ID);
  }
  await expectError(await admin.post("/api/v1/cloud-accounts", { data: awsAccount(name) }), 409, "conflict", "name");
});

test("an admin updates it (PATCH), keeping the stored secret", async () => {
  const id = created[0]!;
  const response = await admin.patch(`/api/v1/cloud-accounts/${id}`, { data: { regions: ["eu-west-1"], rateLimitMode: "off" } });
  expect(response.status(), await response.text()).toBe(200);
  const account = (await response.json()) as Account;
  expect(account).toMatchObject({ regions: ["eu-west-1"], defaultRegion: "eu-west-1", rateLimitMode: "off", hasSecret: true });
  await expectError(await admin.patch(`/api/v1/cloud-accounts/${id}`, { data: { defaultRegion: "us-west-2" } }), 400, "invalid", "defaultRegion");
});

test("test connection on the seeded sandbox account: ok", async () => {
  const list = (await (await admin.get("/api/v1/cloud-accounts")).json()) as { items: Account[] };
  const sandbox = list.items.find((a) => a.name === "sandbox")!;
  const response = await admin.post(`/api/v1/cloud-accounts/${sandbox.id}/test`, { data: {} });
  expect(response.status(), await response.text()).toBe(200);
  const result = (await response.json()) as TestResult;
  expect(result).toMatchObject({ ok: true, region: sandbox.defaultRegion });
  const after = (await (await admin.get(`/api/v1/cloud-accounts/${sandbox.id}`)).json()) as { lastTestOk: boolean | null };
  expect(after.lastTestOk).toBe(true);
});

test("test connection on an account whose endpoint does not answer: ok false with a message", async () => {
  const response = await admin.post("/api/v1/cloud-accounts", {
    data: { ...awsAccount(accountName("unreachable")), provider: "sandbox", endpoint: "http://127.0.0.1:9", rateLimitMode: "off" },
  });
  expect(response.status(), await response.text()).toBe(201);
  const account = (await response.json()) as Account;
  created.push(account.id);
  const tested = await admin.post(`/api/v1/cloud-accounts/${account.id}/test`, { data: {} });
  expect(tested.status(), await tested.text()).toBe(200);
  const result = (await tested.json()) as TestResult;
  expect(result.ok).toBe(false);
  expect(result.message.length).toBeGreaterThan(5);
});

test("an account belongs to its team: other teams neither see it nor request environments in it until it is shared", async () => {
  test.skip(!databaseUrl(), "needs the system's database to create a developer in another team");
  const teamSlug = `e2e-ca-${randomBytes(3).toString("hex")}`;
  const outsider = await createUser({ role: "developer", teamSlug, label: "ca-owner" });
  const owner = await signedInContext(outsider.email, outsider.password);
  try {
    const sandbox = ((await (await admin.get("/api/v1/cloud-accounts")).json()) as { items: Account[] }).items.find((a) => a.name === "sandbox")!;
    const name = accountName("team");
    const response = await admin.post("/api/v1/cloud-accounts", {
      data: { ...awsAccount(name), provider: "sandbox", endpoint: sandbox.endpoint, regions: ["us-east-1"], defaultRegion: "us-east-1", rateLimitMode: "off", ownerTeam: teamSlug },
    });
    expect(response.status(), await response.text()).toBe(201);
    const account = (await response.json()) as Account & { ownerTeam: { slug: string } | null; sharedWith: unknown };
    created.push(account.id);
    expect(account).toMatchObject({ ownerTeam: { slug: teamSlug }, sharedWith: [] });

    expect((await choices(owner)).find((c) => c.name === name)?.teams).toEqual([teamSlug]);
    expect((await choices(developer)).map((c) => c.name)).not.toContain(name);
    // Named by name or id, another team's account is simply not found.
    for (const ref of [name, account.id]) {
      await expectError(await developer.post("/api/v1/environments", { data: { name: uniqueName("ca"), template: "web-dev", cloudAccount: ref } }), 404, "not_found", "cloudAccount");
    }

    const shared = await admin.patch(`/api/v1/cloud-accounts/${account.id}`, { data: { sharedWith: ["demo"] } });
    expect(shared.status(), await shared.text()).toBe(200);
    expect((await shared.json()) as unknown).toMatchObject({ sharedWith: [{ slug: "demo" }] });
    expect((await choices(developer)).find((c) => c.name === name)?.teams).toEqual(["demo"]);
  } finally {
    await owner.dispose();
  }
});

test("an admin deletes accounts; a deleted account is 404", async () => {
  for (const id of created.splice(0)) {
    const response = await admin.delete(`/api/v1/cloud-accounts/${id}`);
    expect(response.status(), await response.text()).toBe(200);
    await expectError(await admin.get(`/api/v1/cloud-accounts/${id}`), 404, "not_found");
  }
});
