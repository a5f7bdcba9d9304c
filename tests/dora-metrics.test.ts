// DORA metrics on real Postgres, from Deployment rows written directly with chosen times, so every
// figure is known in advance: frequency, lead time (median and p90), change failure rate and time
// to restore, per window and per UTC day; the window's first millisecond counts and the one before
// does not; canceled, queued and awaiting deployments and those finished after "now" never count;
// a service with a pipeline counts its last stage's environment only. Another team's service is a
// 404, and a window other than 7d/30d/90d is a 400 at query.window.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DeploymentState } from "../lib/db/generated/client";
import { newId } from "../lib/db/ids";
import { doraMetricsQuerySchema } from "../lib/deployments/dora-bands";
import { getDoraMetrics, type DoraMetrics } from "../lib/deployments/dora-metrics";
import { invalidFromZod } from "../lib/errors/zod-issues";
import type { Caller } from "../lib/identity/caller";
import { failure, userWithRole } from "./helpers/callers";
import { createWorld, type World } from "./helpers/world";

let world: World;
let viewer: Caller;
let outsider: Caller;
let envX: string;
let envY: string;
const services: Record<string, string> = {};
const releases: Record<string, string> = {};

const NOW = new Date("2026-06-30T12:00:00.000Z");
const at = (iso: string) => new Date(`2026-${iso}Z`);
const HOUR = 3600;

async function environment(name: string): Promise<string> {
  const version = await world.db.templateVersion.findFirstOrThrow({ where: { template: { slug: "web-dev" } } });
  const id = newId();
  await world.db.environment.create({
    data: {
      id, name, liveName: name, teamId: world.ids.teamId, ownerId: world.ids.developerId, templateVersionId: version.id,
      cloudAccountId: world.ids.cloudAccountId, region: "us-east-1", parameters: {}, plan: {}, state: "ready", expiresAt: at("12-31T00:00:00"),
    },
  });
  return id;
}

async function service(name: string): Promise<string> {
  const template = await world.db.template.findUniqueOrThrow({ where: { slug: "web-dev" } });
  const id = newId();
  await world.db.service.create({
    data: { id, name, teamId: world.ids.teamId, templateId: template.id, instanceGroup: "web", healthCheck: { statusChecks: true, http: null }, defaultStrategy: { type: "rolling", batchSize: 1, maxUnavailable: 0 } },
  });
  services[name] = id;
  return id;
}

async function release(serviceName: string, version: string, createdAt: string): Promise<void> {
  const id = newId();
  await world.db.release.create({ data: { id, serviceId: services[serviceName]!, version, artifactType: "image", artifact: `ghcr.io/acme/${serviceName}:${version}`, config: {}, createdAt: at(createdAt) } });
  releases[`${serviceName}@${version}`] = id;
}

async function deployment(serviceName: string, version: string, environmentId: string, state: DeploymentState, finishedAt: string | null): Promise<void> {
  const finished = finishedAt ? at(finishedAt) : null;
  await world.db.deployment.create({
    data: {
      id: newId(), serviceId: services[serviceName]!, teamId: world.ids.teamId, releaseId: releases[`${serviceName}@${version}`]!, environmentId,
      strategy: { type: "rolling" }, state, source: "api", createdAt: finished ?? NOW, finishedAt: finished,
    },
  });
}

const metrics = (name: string, window: "7d" | "30d" | "90d", caller: Caller = viewer) => getDoraMetrics(world.db, caller, { service: services[name]!, window, now: NOW });
const day = <T extends { day: string }>(series: T[], date: string) => series.find((point) => point.day === `2026-${date}`);

beforeAll(async () => {
  world = await createWorld({ worker: false });
  viewer = await userWithRole(world.db, "dora-viewer@test.local", "demo", "viewer");
  outsider = await userWithRole(world.db, "dora-outsider@test.local", "elsewhere", "admin");
  envX = await environment("dora-x");
  envY = await environment("dora-y");

  // "api": no pipeline, so every environment counts.
  await service("api");
  await release("api", "0", "05-10T00:00:00.000");
  await release("api", "1", "06-23T10:00:00.000");
  await release("api", "2", "06-23T22:00:00.000");
  await release("api", "3", "06-25T00:00:00.000");
  await release("api", "4", "06-26T00:00:00.000");
  await release("api", "5", "06-28T00:00:00.000");
  await deployment("api", "0", envX, "succeeded", "05-15T00:00:00.000"); // 90d only
  await deployment("api", "1", envX, "succeeded", "06-23T23:59:59.999"); // the 7d window's last excluded ms
  await deployment("api", "2", envX, "succeeded", "06-24T00:00:00.000"); // its first ms: lead 2 h
  await deployment("api", "2", envY, "succeeded", "06-25T00:00:00.000"); // not r2's first: no lead time
  await deployment("api", "3", envX, "failed", "06-25T06:00:00.000"); // restored 3 h later
  await deployment("api", "3", envX, "succeeded", "06-25T09:00:00.000"); // lead 9 h
  await deployment("api", "4", envY, "rolled_back", "06-26T12:00:00.000"); // restored 24 h later
  await deployment("api", "4", envY, "canceled", "06-26T13:00:00.000");
  await deployment("api", "4", envY, "succeeded", "06-27T12:00:00.000"); // lead 36 h
  await deployment("api", "5", envY, "failed", "06-29T00:00:00.000"); // not restored
  await deployment("api", "5", envY, "queued", null);
  await deployment("api", "5", envY, "awaiting_confirmation", null);
  await deployment("api", "1", envX, "succeeded", "06-30T10:00:00.000"); // a rollback to 1: no lead time
  await deployment("api", "5", envX, "succeeded", "06-30T12:00:00.001"); // after now

  // "shop": a pipeline dev (envX) -> prod (envY); only prod counts.
  await service("shop");
  await world.db.pipelineStage.createMany({
    data: [
      { id: newId(), serviceId: services.shop!, name: "dev", position: 1, environmentId: envX },
      { id: newId(), serviceId: services.shop!, name: "prod", position: 2, environmentId: envY },
    ],
  });
  await release("shop", "1", "06-27T00:00:00.000");
  await release("shop", "2", "06-29T05:00:00.000");
  await deployment("shop", "1", envX, "succeeded", "06-27T01:00:00.000");
  await deployment("shop", "1", envY, "succeeded", "06-28T00:00:00.000"); // lead 24 h
  await deployment("shop", "1", envX, "failed", "06-28T03:00:00.000");
  await deployment("shop", "1", envY, "failed", "06-29T00:00:00.000"); // restored 6 h later
  await deployment("shop", "2", envY, "succeeded", "06-29T06:00:00.000"); // lead 1 h

  await service("quiet");
});
afterAll(async () => {
  await world?.close();
});

describe("a service without a pipeline, last 7 days", () => {
  let m: DoraMetrics;
  beforeAll(async () => {
    m = await metrics("api", "7d");
  });

  it("spans 7 UTC days up to now", () => {
    expect(m).toMatchObject({ window: "7d", days: 7, from: "2026-06-24T00:00:00.000Z", to: NOW.toISOString(), scope: { kind: "all_environments" } });
    expect(m.deploymentFrequency.series.map((point) => point.day)).toEqual(["06-24", "06-25", "06-26", "06-27", "06-28", "06-29", "06-30"].map((d) => `2026-${d}`));
  });

  it("deployment frequency counts succeeded deployments from the window's first millisecond", () => {
    expect(m.deploymentFrequency).toMatchObject({ total: 5, perDay: 5 / 7, band: "high" });
    expect(m.deploymentFrequency.series.map((point) => point.deployments)).toEqual([1, 2, 0, 1, 0, 0, 1]);
  });

  it("lead time runs from release to its first success, once per release", () => {
    expect(m.leadTime).toMatchObject({ releases: 3, medianSeconds: 9 * HOUR, band: "elite" });
    // percentile_cont(0.9) of 2 h, 9 h, 36 h: 9 h + 0.8 * (36 h - 9 h)
    expect(m.leadTime.p90Seconds).toBeCloseTo(9 * HOUR + 0.8 * 27 * HOUR, 6);
    expect(day(m.leadTime.series, "06-24")).toEqual({ day: "2026-06-24", releases: 1, medianSeconds: 2 * HOUR });
    expect(day(m.leadTime.series, "06-25")).toEqual({ day: "2026-06-25", releases: 1, medianSeconds: 9 * HOUR });
    expect(day(m.leadTime.series, "06-27")).toEqual({ day: "2026-06-27", releases: 1, medianSeconds: 36 * HOUR });
    expect(day(m.leadTime.series, "06-30")).toEqual({ day: "2026-06-30", releases: 0, medianSeconds: null });
  });

  it("change failure rate is failed and rolled back over finished, canceled left out", () => {
    expect(m.changeFailureRate).toMatchObject({ finished: 8, failed: 3, rate: 3 / 8, band: "low" });
    expect(m.changeFailureRate.series.map(({ finished, failed, rate }) => [finished, failed, rate])).toEqual([
      [1, 0, 0],
      [3, 1, 1 / 3],
      [1, 1, 1],
      [1, 0, 0],
      [0, 0, null],
      [1, 1, 1],
      [1, 0, 0],
    ]);
  });

  it("time to restore is each failure until the next success on its environment", () => {
    expect(m.timeToRestore).toMatchObject({ restored: 2, unrestored: 1, medianSeconds: (3 * HOUR + 24 * HOUR) / 2, band: "high" });
    expect(day(m.timeToRestore.series, "06-25")).toEqual({ day: "2026-06-25", restored: 1, medianSeconds: 3 * HOUR });
    expect(day(m.timeToRestore.series, "06-26")).toEqual({ day: "2026-06-26", restored: 1, medianSeconds: 24 * HOUR });
    expect(day(m.timeToRestore.series, "06-29")).toEqual({ day: "2026-06-29", restored: 0, medianSeconds: null });
  });
});

describe("longer windows", () => {
  it("30 days takes in the deployment a millisecond before the 7-day window", async () => {
    const m = await metrics("api", "30d");
    expect(m).toMatchObject({ from: "2026-06-01T00:00:00.000Z", days: 30 });
    expect(m.deploymentFrequency).toMatchObject({ total: 6, perDay: 6 / 30, band: "high" });
    expect(m.deploymentFrequency.series).toHaveLength(30);
    expect(day(m.deploymentFrequency.series, "06-23")).toEqual({ day: "2026-06-23", deployments: 1 });
    // Release 1 went live 13:59:59.999 after it was made: leads 2 h, 9 h, 13.99 h, 36 h.
    expect(m.leadTime.releases).toBe(4);
    expect(m.leadTime.medianSeconds).toBeCloseTo((9 * HOUR + 50_399.999) / 2, 6);
    expect(m.changeFailureRate).toMatchObject({ finished: 9, failed: 3 });
  });

  it("90 days reaches back to April", async () => {
    const m = await metrics("api", "90d");
    expect(m).toMatchObject({ from: "2026-04-02T00:00:00.000Z", days: 90 });
    expect(m.deploymentFrequency).toMatchObject({ total: 7, perDay: 7 / 90, band: "medium" });
    expect(m.leadTime.releases).toBe(5);
    expect(day(m.leadTime.series, "05-15")).toEqual({ day: "2026-05-15", releases: 1, medianSeconds: 5 * 24 * HOUR });
  });
});

describe("a service with a pipeline", () => {
  it("counts only deployments to its last stage's environment", async () => {
    const m = await metrics("shop", "7d");
    expect(m.scope).toMatchObject({ kind: "last_stage", stage: { name: "prod" }, environment: { id: envY, name: "dora-y" } });
    expect(m.deploymentFrequency).toMatchObject({ total: 2, band: "high" });
    expect(m.leadTime).toMatchObject({ releases: 2, medianSeconds: (24 * HOUR + HOUR) / 2, band: "elite" });
    expect(m.changeFailureRate).toMatchObject({ finished: 3, failed: 1, rate: 1 / 3 });
    expect(m.timeToRestore).toMatchObject({ restored: 1, unrestored: 0, medianSeconds: 6 * HOUR, band: "high" });
  });
});

describe("no deployments, access and input", () => {
  it("a service with none has zeros, no figures and no bands", async () => {
    const m = await metrics("quiet", "7d");
    expect(m.deploymentFrequency).toMatchObject({ total: 0, perDay: 0, band: null });
    expect(m.deploymentFrequency.series).toHaveLength(7);
    expect(m.leadTime).toMatchObject({ releases: 0, medianSeconds: null, p90Seconds: null, band: null });
    expect(m.changeFailureRate).toMatchObject({ finished: 0, failed: 0, rate: null, band: null });
    expect(m.timeToRestore).toMatchObject({ restored: 0, unrestored: 0, medianSeconds: null, band: null });
  });

  it("another team's service is a 404, even for its admin", async () => {
    const error = await failure(metrics("api", "30d", outsider));
    expect(error.status).toBe(404);
  });

  it("a window other than 7d, 30d or 90d is a 400 at query.window; none means 30d", () => {
    const parsed = doraMetricsQuerySchema.safeParse({ window: "1y" });
    expect(parsed.success).toBe(false);
    const error = invalidFromZod(parsed.error!, "query");
    expect(error.status).toBe(400);
    expect(error.issues).toEqual([{ path: "query.window", message: "must be 7d, 30d or 90d" }]);
    expect(doraMetricsQuerySchema.parse({})).toEqual({ window: "30d" });
  });
});
