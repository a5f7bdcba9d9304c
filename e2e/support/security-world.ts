// The world the security specs attack: team A with a developer who owns one of everything (an
// environment and its run, a service with a release and a deployment, a template shared with team
// A only, a cloud account, an API token), a viewer of team A, a developer of team B, and the dead
// credentials (an expired token, a revoked token, a disabled user's token and session).
import { randomBytes, randomUUID } from "node:crypto";
import {
  expect,
  request as playwrightRequest,
  type APIRequestContext,
  type APIResponse,
} from "@playwright/test";
import pg from "pg";
import { ADMIN_EMAIL, baseUrl, signedInContext, uniqueName } from "./api";
import type { Ids } from "./security-routes";
import { createUser, databaseUrl, type SeededUser } from "./users";

export type Caller = { label: string; context: APIRequestContext };

export type World = {
  teamA: { slug: string; id: string };
  teamB: { slug: string };
  ids: Required<
    Pick<
      Ids,
      | "environments"
      | "services"
      | "deployments"
      | "runs"
      | "templates"
      | "cloud-accounts"
      | "tokens"
      | "users"
    >
  > &
    Ids;
  /** Names and ids of team A's things that another team must never see in a list. */
  secretsOfA: string[];
  admin: APIRequestContext;
  developerA: APIRequestContext;
  viewerA: APIRequestContext;
  developerB: APIRequestContext;
  /** Callers whose every request must be a 401. */
  dead: Caller[];
  dispose: () => Promise<void>;
};

export const IMAGE = (tag: string) =>
  `ghcr.io/acme/web:${tag}@sha256:${"c".repeat(64)}`;
export const TEMPLATE_YAML = (name: string) =>
  `name: ${name}\nlease: { default: 1h, max: 1d }\ninstanceGroups:\n  - name: web\n    image: ami-0123456789abcdef0\n    instanceType: t3.micro\n`;

/**
 * A client address of its own for one request. Every failed token attempt counts against the
 * per-address throttle (20 in 15 minutes); the e2e system trusts one proxy, so the suite names
 * a fresh address per call instead of blocking 127.0.0.1 for itself and the specs after it.
 */
export function freshAddress(): string {
  const [a, b, c] = randomBytes(3);
  return `10.${a}.${b}.${1 + (c! % 250)}`;
}

/** A context that calls with `Authorization: Bearer` and no cookie. */
export async function bearerContext(token: string): Promise<APIRequestContext> {
  return playwrightRequest.newContext({
    baseURL: baseUrl(),
    extraHTTPHeaders: {
      authorization: `Bearer ${token}`,
      "x-forwarded-for": freshAddress(),
    },
  });
}

export async function sql<T extends pg.QueryResultRow>(
  text: string,
  values: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl() });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

async function created<T>(
  response: Promise<APIResponse>,
  status = 201,
): Promise<T> {
  const answer = await response;
  expect(answer.status(), `${answer.url()}: ${await answer.text()}`).toBe(
    status,
  );
  return (await answer.json()) as T;
}

export async function makeToken(
  context: APIRequestContext,
  scope: "read" | "write" | "admin" = "write",
): Promise<{ token: string; id: string }> {
  const body = await created<{ token: string; item: { id: string } }>(
    context.post("/api/v1/tokens", {
      data: { name: `sec-${scope}`, scope, expiresInDays: 1 },
    }),
  );
  return { token: body.token, id: body.item.id };
}

const userId = async (user: SeededUser) =>
  (
    await sql<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [
      user.email,
    ])
  )[0]!.id;

export async function createWorld(): Promise<World> {
  const suffix = randomUUID().slice(0, 6);
  const teamA = `sec-a-${suffix}`;
  const teamB = `sec-b-${suffix}`;
  const [devA, viewA, platformA, devB, doomed] = await Promise.all([
    createUser({ role: "developer", teamSlug: teamA, label: "sec-dev-a" }),
    createUser({ role: "viewer", teamSlug: teamA, label: "sec-viewer-a" }),
    createUser({ role: "platform", teamSlug: teamA, label: "sec-platform-a" }),
    createUser({ role: "developer", teamSlug: teamB, label: "sec-dev-b" }),
    createUser({ role: "developer", teamSlug: teamA, label: "sec-disabled-a" }),
  ]);
  const teamAId = (
    await sql<{ id: string }>(`SELECT id FROM "Team" WHERE slug = $1`, [teamA])
  )[0]!.id;
  const [admin, developerA, viewerA, platform, developerB, doomedSession] =
    await Promise.all([
      signedInContext(ADMIN_EMAIL),
      signedInContext(devA.email, devA.password),
      signedInContext(viewA.email, viewA.password),
      signedInContext(platformA.email, platformA.password),
      signedInContext(devB.email, devB.password),
      signedInContext(doomed.email, doomed.password),
    ]);

  const template = `sec-tpl-${suffix}`;
  await created(
    platform.post("/api/v1/templates", {
      data: {
        slug: template,
        source: TEMPLATE_YAML("Security"),
        sharedWith: [teamA],
      },
    }),
  );
  const environmentName = uniqueName("sec-env");
  const environment = await created<{ id: string; runId: string }>(
    developerA.post("/api/v1/environments", {
      data: { name: environmentName, template: "web-dev" },
    }),
  );
  const serviceName = uniqueName("sec-svc");
  const service = await created<{ id: string }>(
    developerA.post("/api/v1/services", {
      data: { name: serviceName, template: "web-dev", instanceGroup: "web" },
    }),
  );
  const release = await created<{ id: string }>(
    developerA.post(`/api/v1/services/${service.id}/releases`, {
      data: { version: "1.0.0", artifact: IMAGE("1.0.0") },
    }),
  );
  // A deployment waiting for confirmation, written directly: a real deploy needs a ready
  // environment and a minute; the routes only need a row of team A to refuse access to.
  const deploymentId = randomUUID();
  await sql(
    `INSERT INTO "Deployment" (id, "serviceId", "teamId", "releaseId", "environmentId", strategy, state, source, "updatedAt")
     VALUES ($1, $2, $3, $4, $5, '{"type":"rolling","batchSize":1,"maxUnavailable":0}', 'awaiting_confirmation', 'api', now())`,
    [deploymentId, service.id, teamAId, release.id, environment.id],
  );
  const accountName = `sec-${suffix}`;
  const account = await created<{ id: string }>(
    admin.post("/api/v1/cloud-accounts", {
      data: {
        name: accountName,
        provider: "aws",
        regions: ["us-east-1"],
        defaultRegion: "us-east-1",
        credentials: { source: "default_chain" },
        ownerTeam: teamA,
      },
    }),
  );
  const live = await makeToken(developerA);

  // Dead credentials: a token expired (moved into the past in the database), one revoked through
  // the API, and a disabled user's token and session (disabled by an admin through the API).
  const expired = await makeToken(developerA, "read");
  await sql(
    `UPDATE "ApiToken" SET "expiresAt" = now() - interval '1 minute' WHERE id = $1`,
    [expired.id],
  );
  const revoked = await makeToken(developerA);
  expect(
    (await developerA.delete(`/api/v1/tokens/${revoked.id}`)).status(),
  ).toBe(200);
  const doomedToken = await makeToken(doomedSession);
  const doomedId = await userId(doomed);
  const disabled = await admin.patch(`/api/v1/users/${doomedId}`, {
    data: { disabled: true },
  });
  expect(disabled.status(), await disabled.text()).toBe(200);

  const anonymous = await playwrightRequest.newContext({
    baseURL: baseUrl(),
    extraHTTPHeaders: { origin: new URL(baseUrl()).origin },
  });
  const dead: Caller[] = [
    { label: "anonymous", context: anonymous },
    { label: "expired token", context: await bearerContext(expired.token) },
    { label: "revoked token", context: await bearerContext(revoked.token) },
    {
      label: "disabled user's token",
      context: await bearerContext(doomedToken.token),
    },
    { label: "disabled user's session", context: doomedSession },
  ];

  const ids = {
    environments: environment.id,
    runs: environment.runId,
    services: service.id,
    releaseVersion: "1.0.0",
    deployments: deploymentId,
    templates: template,
    templateVersion: "1",
    "cloud-accounts": account.id,
    tokens: live.id,
    users: await userId(devA),
  };
  const all = [
    admin,
    developerA,
    viewerA,
    platform,
    developerB,
    ...dead.map((caller) => caller.context),
  ];
  return {
    teamA: { slug: teamA, id: teamAId },
    teamB: { slug: teamB },
    ids,
    secretsOfA: [
      environment.id,
      environmentName,
      service.id,
      serviceName,
      deploymentId,
      template,
      account.id,
      accountName,
      live.id,
      environment.runId,
    ],
    admin,
    developerA,
    viewerA,
    developerB,
    dead,
    dispose: async () => {
      // The environment is real (the sandbox provisions it): leave nothing running.
      await developerA
        .delete(`/api/v1/environments/${environment.id}`)
        .catch(() => undefined);
      await Promise.all(all.map((context) => context.dispose()));
    },
  };
}
