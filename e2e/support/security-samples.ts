// A valid body for each route that reads one, aimed at team A's things: a refusal then comes from
// the caller's rights, not from a 400 on the body (which would prove nothing about access).
// A route that reads a body and has no sample here fails the suite's coverage test: add one.
import { randomUUID } from "node:crypto";
import { uniqueName } from "./api";
import type { ApiRoute } from "./security-routes";
import { IMAGE, TEMPLATE_YAML, type World } from "./security-world";

type Sample = (world: World) => unknown;

const SAMPLES: Record<string, Sample> = {
  "POST /api/v1/cloud-accounts": (w) => ({
    name: `sec-${randomUUID().slice(0, 8)}`,
    provider: "aws",
    regions: ["us-east-1"],
    defaultRegion: "us-east-1",
    credentials: { source: "default_chain" },
    ownerTeam: w.teamA.slug,
  }),
  "PATCH /api/v1/cloud-accounts/:id": () => ({ isDefault: false }),
  "POST /api/v1/cloud-accounts/:id/test": () => ({}),
  "POST /api/v1/deployments/:id/confirm": () => ({}),
  "POST /api/v1/deployments/:id/promote": () => ({}),
  "POST /api/v1/deployments/:id/reject": () => ({ reason: "security suite" }),
  "POST /api/v1/deployments/:id/rollback": () => ({}),
  "POST /api/v1/environments": (w) => ({
    name: uniqueName("sec"),
    template: "web-dev",
    team: w.teamA.slug,
  }),
  "POST /api/v1/environments/:id/extend": () => ({ by: "1h" }),
  "POST /api/v1/environments/:id/upgrade": () => ({}),
  "POST /api/v1/services": (w) => ({
    name: uniqueName("sec"),
    template: "web-dev",
    instanceGroup: "web",
    team: w.teamA.slug,
  }),
  "POST /api/v1/services/:id/deployments": (w) => ({
    release: "1.0.0",
    environment: w.ids.environments,
  }),
  "PUT /api/v1/services/:id/pipeline": () => ({ stages: [] }),
  "POST /api/v1/services/:id/promotions": () => ({ from: "dev" }),
  "POST /api/v1/services/:id/releases": () => ({
    version: `9.${Date.now() % 1000}.0`,
    artifact: IMAGE("9.0.0"),
  }),
  "POST /api/v1/services/:id/webhook": () => ({
    version: "9.9.9",
    artifact: IMAGE("9.9.9"),
  }),
  "POST /api/v1/templates": (w) => ({
    slug: `sec-${randomUUID().slice(0, 8)}`,
    source: TEMPLATE_YAML("Denied"),
    ownerTeam: w.teamA.slug,
  }),
  "PATCH /api/v1/templates/:id": () => ({ archived: false }),
  "POST /api/v1/templates/:id/preview": () => ({}),
  "POST /api/v1/templates/:id/upgrades": () => ({}),
  "POST /api/v1/templates/:id/versions": () => ({
    source: TEMPLATE_YAML("Denied v2"),
  }),
  "PATCH /api/v1/templates/:id/versions/:version": () => ({
    deprecated: false,
  }),
  "POST /api/v1/templates/validate": () => ({
    source: TEMPLATE_YAML("Checked"),
  }),
  "POST /api/v1/tokens": (w) => ({
    name: "sec-denied",
    scope: "read",
    expiresInDays: 1,
    teamId: w.teamA.id,
  }),
  // Harmless if it ever went through: it re-enables team A's developer, who is enabled.
  "PATCH /api/v1/users/:id": () => ({ disabled: false }),
  "PUT /api/v1/users/:id/roles": (w) => ({
    roles: [{ teamId: w.teamA.id, role: "admin" }],
  }),
  "POST /api/v1/users": (w) => ({
    email: `sec-${randomUUID().slice(0, 8)}@e2e.hangar.local`,
    name: "Denied",
    teamId: w.teamA.id,
    role: "admin",
  }),
  "PATCH /api/v1/me": () => ({ name: "Security suite" }),
  "POST /api/v1/me/password": () => ({
    currentPassword: "not-the-password",
    newPassword: "a-new-password-0123456789",
    confirmPassword: "a-new-password-0123456789",
  }),
};

/** Query strings that GET routes require, so their refusal is not a 400 on the query. */
const QUERIES: Record<string, string> = {
  "GET /api/v1/templates/:id/options": "?parameter=region",
  "GET /api/v1/templates/:id/diff": "?from=1&to=1",
};

export function sampleQuery(route: ApiRoute): string {
  return QUERIES[normal(route.key)] ?? "";
}

/**
 * Bulk changes scoped to what the caller may change: a caller who may change nothing gets a 2xx
 * that did nothing (a template's upgrade batch upgrades only environments the caller may write).
 */
export const SCOPED_BULK: Record<string, (answer: string) => boolean> = {
  "POST /api/v1/templates/:id/upgrades": (answer) => {
    const batch = JSON.parse(answer) as {
      batchId: string | null;
      queued: unknown[];
    };
    return batch.batchId === null && batch.queued.length === 0;
  },
};

/** Routes that act on the caller alone (their profile, password, sessions): any signed-in user may. */
export const SELF = new Set([
  "PATCH /api/v1/me",
  "POST /api/v1/me/password",
  "DELETE /api/v1/me/sessions",
]);

/** Unsafe methods that change nothing (checks and dry runs): any member may call them. */
export const READ_LIKE = new Set([
  "POST /api/v1/templates/validate",
  "POST /api/v1/templates/:id/preview",
]);

const normal = (key: string) =>
  key.replace(/:[a-zA-Z]+/g, (name) =>
    name === ":version" ? ":version" : ":id",
  );

export function hasSample(route: ApiRoute): boolean {
  return normal(route.key) in SAMPLES;
}

/** The sample body, or `{}` for a route that reads none (or lacks a sample). */
export function sampleBody(route: ApiRoute, world: World): unknown {
  return SAMPLES[normal(route.key)]?.(world) ?? {};
}
