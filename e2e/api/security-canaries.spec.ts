// Canary secrets: known values go in where secrets go in (a cloud account's access key and
// secret key, rotated once; a user's password, right and wrong; an API token, valid and forged;
// a service's webhook secret, with a good and a bad signature), then the spec looks everywhere a
// secret could come back out: every GET route's answer as an admin and as a developer, the
// rendered pages, every table of the database (the audit log and all the rest, as text) and the
// system's log file. The two answers that show a secret once by design (a new token, a new
// webhook secret) are the only ones not searched.
import { createHmac, randomBytes, randomUUID } from "node:crypto";
import {
  expect,
  request,
  test,
  type APIRequestContext,
  type APIResponse,
} from "@playwright/test";
import { postCredentials, signedInContext } from "../support/api";
import { hashPassword } from "../../lib/identity/passwords";
import {
  databaseRowsWith,
  findCanaries,
  systemLog,
} from "../support/security-canaries";
import { callRoute, eachLimited } from "../support/security-calls";
import { allRoutes, isPublic, STREAMS } from "../support/security-routes";
import {
  bearerContext,
  createWorld,
  makeToken,
  sql,
  type World,
} from "../support/security-world";
import { createUser, databaseUrl } from "../support/users";

test.describe.configure({ mode: "serial" });

const hex = () => randomBytes(8).toString("hex");
const CANARIES: Record<string, string> = {
  "cloud access key id": `AKIACANARY${hex().toUpperCase()}`,
  "cloud secret key": `canary-cloud-secret-${hex()}`,
  "rotated cloud secret key": `canary-rotated-secret-${hex()}`,
  "refused cloud secret key": `canary-refused-secret-${hex()}`,
  password: `canary-password-${hex()}`,
  "wrong password": `canary-wrong-password-${hex()}`,
  "forged token": `hgr_canaryforged${hex()}`,
};

/**
 * The access key id is an identifier, not a secret (AWS prints it in every signed request's
 * Credential=): it is stored as is and the sandbox may log it. The API and pages show it masked
 * (AKIA…1234), so only answers and pages are searched for it.
 */
const secretsOnly = () =>
  Object.fromEntries(
    Object.entries(CANARIES).filter(([name]) => name !== "cloud access key id"),
  );

let world: World;
let accountId = "";
let passwordUser: APIRequestContext | undefined;
/** Everything answered while the canaries went in (the two shown-once answers excepted). */
const answers: { where: string; text: string }[] = [];
const keep = async (where: string, response: APIResponse) => {
  answers.push({ where, text: await response.text() });
  return response;
};

test.beforeAll(async () => {
  test.skip(
    !databaseUrl(),
    "needs the system's database to make users and read the audit log",
  );
  test.setTimeout(180_000);
  world = await createWorld();
});
test.afterAll(async () => {
  if (accountId)
    await world?.admin
      .delete(`/api/v1/cloud-accounts/${accountId}`)
      .catch(() => undefined);
  await passwordUser?.dispose();
  await world?.dispose();
});

test("canaries go in: cloud keys, a password, an API token, a webhook secret", async () => {
  test.setTimeout(120_000);
  const { admin, developerA } = world;
  const endpoint = process.env.E2E_SANDBOX_URL ?? null;
  const account = {
    name: `canary-${randomUUID().slice(0, 8)}`,
    provider: "aws",
    regions: ["us-east-1"],
    defaultRegion: "us-east-1",
    endpoint,
    credentials: {
      source: "static",
      accessKeyId: CANARIES["cloud access key id"],
      secretAccessKey: CANARIES["cloud secret key"],
    },
    ownerTeam: world.teamA.slug,
  };
  // A refused create must not echo the secret in its field errors.
  const refused = await keep(
    "refused create",
    await admin.post("/api/v1/cloud-accounts", {
      data: {
        ...account,
        defaultRegion: "mars-1",
        credentials: {
          ...account.credentials,
          secretAccessKey: CANARIES["refused cloud secret key"],
        },
      },
    }),
  );
  expect(refused.status()).toBe(400);
  const created = await keep(
    "create",
    await admin.post("/api/v1/cloud-accounts", { data: account }),
  );
  expect(created.status(), await created.text()).toBe(201);
  accountId = ((await created.json()) as { id: string }).id;
  const rotated = {
    source: "static",
    accessKeyId: CANARIES["cloud access key id"],
    secretAccessKey: CANARIES["rotated cloud secret key"],
  };
  expect(
    (
      await keep(
        "rotate",
        await admin.patch(`/api/v1/cloud-accounts/${accountId}`, {
          data: { credentials: rotated },
        }),
      )
    ).status(),
  ).toBe(200);
  // Uses the keys against the sandbox: whatever it answers, the keys must not be in it.
  await keep(
    "test connection",
    await admin.post(`/api/v1/cloud-accounts/${accountId}/test`, { data: {} }),
  );

  const user = await createUser({
    role: "developer",
    teamSlug: world.teamA.slug,
    label: "canary",
  });
  await sql(`UPDATE "User" SET "passwordHash" = $1 WHERE email = $2`, [
    await hashPassword(CANARIES.password!),
    user.email,
  ]);
  const wrong = await request.newContext({ baseURL: process.env.E2E_BASE_URL });
  await keep(
    "wrong sign-in",
    await postCredentials(wrong, user.email, CANARIES["wrong password"]!),
  );
  await wrong.dispose();
  passwordUser = await signedInContext(user.email, CANARIES.password);

  const { token } = await makeToken(developerA);
  CANARIES["API token"] = token;
  const withToken = await bearerContext(token);
  await keep("token /me", await withToken.get("/api/v1/me"));
  await keep(
    "token extend",
    await withToken.post(
      `/api/v1/environments/${world.ids.environments}/extend`,
      { data: { by: "1h" } },
    ),
  );
  await withToken.dispose();
  const forged = await bearerContext(CANARIES["forged token"]!);
  await keep("forged token", await forged.get("/api/v1/me"));
  await forged.dispose();

  const issued = await developerA.post(
    `/api/v1/services/${world.ids.services}/webhook-secret`,
  );
  expect(issued.status()).toBe(201);
  const secret = ((await issued.json()) as { secret: string }).secret;
  CANARIES["webhook secret"] = secret;
  const body = JSON.stringify({
    version: "2.0.0",
    artifact: `ghcr.io/acme/web:2@sha256:${"d".repeat(64)}`,
  });
  for (const key of [secret, `${secret}-not`]) {
    const signature = `sha256=${createHmac("sha256", key).update(body).digest("hex")}`;
    const ci = await request.newContext({ baseURL: process.env.E2E_BASE_URL });
    await keep(
      "webhook",
      await ci.post(`/api/v1/services/${world.ids.services}/webhook`, {
        data: Buffer.from(body),
        headers: {
          "content-type": "application/json",
          "x-hangar-delivery": randomUUID(),
          "x-hangar-signature": signature,
        },
      }),
    );
    await ci.dispose();
  }
  expect(
    answers.flatMap((answer) =>
      findCanaries(answer.where, answer.text, CANARIES),
    ),
  ).toEqual([]);
});

test("no GET route answers a canary, to an admin or to a developer", async () => {
  test.setTimeout(120_000);
  const routes = (await allRoutes(world.admin)).filter(
    (route) =>
      route.method === "GET" && !STREAMS.has(route.key) && !isPublic(route),
  );
  const found: string[] = [];
  const ids = { ...world, ids: { ...world.ids, "cloud-accounts": accountId } };
  for (const [label, context] of [
    ["admin", world.admin],
    ["developer", world.developerA],
    ["password user", passwordUser!],
  ] as const) {
    const answers = await eachLimited(routes, 4, (route) =>
      callRoute(context, route, ids),
    );
    for (const answer of answers)
      found.push(
        ...findCanaries(`${label} ${answer.url}`, answer.text, CANARIES),
      );
  }
  expect(found).toEqual([]);
});

test("no rendered page shows a canary", async () => {
  const pages = [
    "/environments",
    `/environments/${world.ids.environments}`,
    "/cloud-accounts",
    "/services",
    `/services/${world.ids.services}`,
    "/deployments",
    "/catalog",
    "/templates",
    "/settings",
  ];
  const found: string[] = [];
  for (const context of [world.admin, world.developerA]) {
    for (const page of pages) {
      const response = await context.get(page, { timeout: 30_000 });
      found.push(
        ...findCanaries(`page ${page}`, await response.text(), CANARIES),
      );
    }
  }
  expect(found).toEqual([]);
});

test("no table of the database (audit log included) holds a canary in plain text", async () => {
  const audit = await sql<{ count: string }>(
    `SELECT count(*) FROM "AuditEvent" WHERE at > now() - interval '10 minutes'`,
  );
  expect(Number(audit[0]!.count)).toBeGreaterThan(0);
  expect(await databaseRowsWith(secretsOnly())).toEqual([]);
});

test("the system's log file holds no canary", async () => {
  const log = await systemLog();
  test.skip(
    log === null,
    "E2E_LOG_FILE is not set (the tests run against a system they did not start)",
  );
  // The sign-ins, the refused token and the webhook were logged, if at all, before this point.
  expect(log!.length).toBeGreaterThan(0);
  expect(findCanaries("the log file", log!, secretsOnly())).toEqual([]);
});
