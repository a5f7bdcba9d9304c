// The template catalog on real Postgres: it lists exactly what each caller may request (the same
// rule as the templates API), searches and filters in the query, pages by keyset cursors both
// ways, and shows each template's median time to ready and its live environments, with a fixed
// number of statements per page whatever its size.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EnvironmentState, TeamRole } from "../lib/db/generated/client";
import { poolOf } from "../lib/db/client";
import { newId } from "../lib/db/ids";
import { requestEnvironment } from "../lib/environments/request-environment";
import { AppError } from "../lib/errors";
import { loadCaller, type Caller } from "../lib/identity/caller";
import { catalogQuerySchema, listCatalog, type CatalogEntry } from "../lib/templates/list-catalog";
import { listTemplates } from "../lib/templates/list-templates";
import { setVersionDeprecated, updateTemplate } from "../lib/templates/manage-template";
import { createTemplate, publishTemplateVersion } from "../lib/templates/publish-template-version";
import { createWorld, type World } from "./helpers/world";

let world: World;
let alphaPlatform: Caller;
let alphaDev: Caller;
let betaDev: Caller;

const source = (name: string, options: { tags?: string[]; description?: string; size?: string } = {}) => `name: ${name}
description: ${options.description ?? `${name} for tests`}
${options.tags ? `tags: [${options.tags.join(", ")}]` : ""}
lease: { default: 1h, max: 1d }
instanceGroups:
  - name: web
    image: ami-0123456789abcdef0
    instanceType: ${options.size ?? "t3.micro"}
`;

async function user(email: string, teamSlug: string, role: TeamRole): Promise<Caller> {
  const team = await world.db.team.upsert({ where: { slug: teamSlug }, create: { id: newId(), slug: teamSlug, name: `Team ${teamSlug}` }, update: {} });
  const created = await world.db.user.create({ data: { id: newId(), email, name: email } });
  await world.db.membership.create({ data: { userId: created.id, teamId: team.id, role } });
  return (await loadCaller(world.db, created.id))!;
}

const catalog = (caller: Caller, query: Record<string, unknown> = {}) => listCatalog(world.db, caller, catalogQuerySchema.parse(query));
const slugs = (items: CatalogEntry[]) => items.map((item) => item.slug);

beforeAll(async () => {
  world = await createWorld({ worker: false });
  alphaPlatform = await user("alpha-plat@test.local", "alpha", "platform");
  alphaDev = await user("alpha-dev@test.local", "alpha", "developer");
  betaDev = await user("beta-dev@test.local", "beta", "developer");
  await createTemplate(world.db, alphaPlatform, { slug: "gpu-lab", source: source("GPU lab", { tags: ["gpu", "ml"], description: "Notebooks on 100% GPU boxes" }), sharedWith: ["alpha"] });
  await createTemplate(world.db, alphaPlatform, { slug: "alpha-web", source: source("Alpha web", { tags: ["web"], size: "t3.small" }) });
  await createTemplate(world.db, alphaPlatform, { slug: "gone", source: source("Gone") });
  await updateTemplate(world.db, alphaPlatform, "gone", { archived: true });
  // Its newest version is deprecated: listed at version 1, with version 1's tags.
  await createTemplate(world.db, alphaPlatform, { slug: "rolled-back", source: source("Rolled back", { tags: ["stable"] }) });
  await publishTemplateVersion(world.db, alphaPlatform, { template: "rolled-back", source: source("Rolled back", { tags: ["broken"] }) });
  await setVersionDeprecated(world.db, alphaPlatform, { template: "rolled-back", version: 2, deprecated: true });
});
afterAll(async () => {
  await world?.close();
});

describe("who sees what", () => {
  it("lists exactly the templates each caller may request, as the templates API does", async () => {
    for (const caller of [world.developer, world.admin, alphaDev, betaDev]) {
      const usable = (await listTemplates(world.db, caller, { limit: 100 })).items.map((t) => t.slug).sort();
      expect(slugs((await catalog(caller, { limit: 100 })).items).sort()).toEqual(usable);
    }
    expect(slugs((await catalog(betaDev, { limit: 100 })).items)).not.toContain("gpu-lab");
    expect(slugs((await catalog(alphaDev, { limit: 100 })).items)).toContain("gpu-lab");
    expect(slugs((await catalog(world.admin, { limit: 100 })).items)).not.toContain("gone");
    // A team filter or a search cannot reach a template the caller may not see.
    expect((await catalog(betaDev, { team: "alpha", q: "gpu" })).total).toBe(0);
    // Facets come from what the caller sees: beta never learns the gpu tag exists.
    expect((await catalog(betaDev)).facets.tags).not.toContain("gpu");
    expect((await catalog(alphaDev)).facets.tags).toEqual(expect.arrayContaining(["gpu", "ml", "web", "stable", "dev-box"]));
  });

  it("shows each template at the version a request gets, with its owner team and tags", async () => {
    const items = (await catalog(alphaDev, { limit: 100 })).items;
    expect(items.find((i) => i.slug === "rolled-back")).toMatchObject({ version: { number: 1 }, tags: ["stable"] });
    expect(items.find((i) => i.slug === "gpu-lab")).toMatchObject({ ownerTeam: { slug: "alpha", name: "Team alpha" }, tags: ["gpu", "ml"], description: "Notebooks on 100% GPU boxes" });
    expect(items.find((i) => i.slug === "web-dev")).toMatchObject({ ownerTeam: null, tags: ["web", "dev-box", "single-vm"] });
    const page = await catalog(alphaDev);
    expect(page.facets.teams).toEqual([{ slug: "alpha", name: "Team alpha" }]);
    expect(page.region).toBe("us-east-1");
    // us-east-1 list prices: t3.small 0.0208; web-dev from t3.micro to t3.medium.
    expect(items.find((i) => i.slug === "alpha-web")?.hourlyCost).toEqual({ minUsdPerHour: 0.0208, maxUsdPerHour: 0.0208, defaultUsdPerHour: 0.0208, complete: true });
    expect(items.find((i) => i.slug === "web-dev")?.hourlyCost).toMatchObject({ minUsdPerHour: 0.0104, maxUsdPerHour: 0.0416 });
  });
});

describe("search and filters", () => {
  it("searches name, slug, description and tags, taking % and _ literally", async () => {
    expect(slugs((await catalog(alphaDev, { q: "gpu LAB" })).items)).toEqual(["gpu-lab"]);
    expect(slugs((await catalog(alphaDev, { q: "alpha-w" })).items)).toEqual(["alpha-web"]);
    expect(slugs((await catalog(alphaDev, { q: "branch checked out" })).items)).toEqual(["web-dev"]);
    expect(slugs((await catalog(alphaDev, { q: "multi-vm" })).items)).toEqual(["service-stack"]);
    expect(slugs((await catalog(alphaDev, { q: "100%" })).items)).toEqual(["gpu-lab"]);
    expect((await catalog(alphaDev, { q: "%" })).items.map((i) => i.slug)).toEqual(["gpu-lab"]);
    expect((await catalog(alphaDev, { q: "_" })).total).toBe(0);
  });

  it("filters by one tag and by the owner team, together with a search", async () => {
    expect(slugs((await catalog(alphaDev, { tag: "GPU" })).items)).toEqual(["gpu-lab"]);
    expect(slugs((await catalog(alphaDev, { tag: "web" })).items).sort()).toEqual(["alpha-web", "web-dev"]);
    // A deprecated version's tags do not count.
    expect((await catalog(alphaDev, { tag: "broken" })).total).toBe(0);
    expect(slugs((await catalog(alphaDev, { team: "alpha" })).items).sort()).toEqual(["alpha-web", "gpu-lab", "rolled-back"]);
    expect(slugs((await catalog(alphaDev, { team: "alpha", tag: "web" })).items)).toEqual(["alpha-web"]);
    const none = await catalog(alphaDev, { team: "alpha", q: "dev box" });
    expect([none.total, none.items.length, none.available > 0]).toEqual([0, 0, true]);
  });
});

describe("keyset pages", () => {
  it("walk the whole catalog forward and back in name order, and refuse a forged cursor", async () => {
    for (let i = 0; i < 5; i += 1) await createTemplate(world.db, alphaPlatform, { slug: `pager-${i}`, source: source("Pager") });
    const all = (await catalog(world.admin, { limit: 100 })).items.map((i) => i.id);
    const forward: string[] = [];
    let page = await catalog(world.admin, { limit: 3 });
    expect(page.prevCursor).toBeNull();
    const pages = [page];
    while (true) {
      forward.push(...page.items.map((i) => i.id));
      expect(page.total).toBe(all.length);
      if (!page.nextCursor) break;
      page = await catalog(world.admin, { limit: 3, cursor: page.nextCursor });
      pages.push(page);
    }
    // Five templates with one name are ordered by id, so none is skipped or shown twice.
    expect(forward).toEqual(all);
    expect(pages.length).toBe(Math.ceil(all.length / 3));
    const backward: string[][] = [];
    while (page.prevCursor) {
      page = await catalog(world.admin, { limit: 3, cursor: page.prevCursor });
      backward.unshift(page.items.map((i) => i.id));
    }
    expect(backward.length).toBe(pages.length - 1);
    expect(backward.flat()).toEqual(all.slice(0, backward.flat().length));
    expect(page.prevCursor).toBeNull();

    const forged = await catalog(world.admin, { cursor: "bm90IGEgY3Vyc29y" }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(forged).toBeInstanceOf(AppError);
    expect((forged as AppError).issues[0]?.path).toBe("query.cursor");
  });
});

describe("time to ready and live environments", () => {
  /** A requested environment moved to `state`, its provision run ended as given. */
  async function environment(caller: Caller, template: string, state: EnvironmentState, run?: { state: "succeeded" | "failed"; seconds: number; retries?: number }) {
    const requested = await requestEnvironment(world.db, caller, { name: `env-${newId().slice(0, 8)}`, template, parameters: {} });
    await world.db.environment.update({ where: { id: requested.environmentId }, data: { state, ...(state === "destroyed" ? { liveName: null } : {}) } });
    if (run) {
      const createdAt = new Date(Date.now() - 3_600_000);
      await world.db.run.update({
        where: { id: requested.runId },
        data: { state: run.state, createdAt, finishedAt: new Date(createdAt.getTime() + run.seconds * 1000), retryCount: run.retries ?? 0 },
      });
    }
  }

  it("takes the median over succeeded first-try provision runs, and counts live environments the caller may see", async () => {
    await environment(alphaDev, "alpha-web", "ready", { state: "succeeded", seconds: 10 });
    await environment(alphaDev, "alpha-web", "stopped", { state: "succeeded", seconds: 20 });
    await environment(alphaDev, "alpha-web", "destroyed", { state: "succeeded", seconds: 60 });
    await environment(alphaDev, "alpha-web", "ready", { state: "succeeded", seconds: 900, retries: 1 });
    await environment(alphaDev, "alpha-web", "failed", { state: "failed", seconds: 5 });
    await environment(betaDev, "alpha-web", "ready", { state: "succeeded", seconds: 40 });
    await environment(betaDev, "alpha-web", "provisioning");

    const forAlpha = (await catalog(alphaDev, { q: "alpha-web" })).items[0]!;
    // 10, 20, 40, 60: every team's runs describe the template.
    expect(forAlpha.readyTime).toEqual({ medianSeconds: 30, runs: 4 });
    // ready, stopped and the retried ready one; not destroyed, not failed, not beta's.
    expect(forAlpha.liveEnvironments).toBe(3);
    expect((await catalog(betaDev, { q: "alpha-web" })).items[0]?.liveEnvironments).toBe(2);
    expect((await catalog(alphaDev, { q: "gpu-lab" })).items[0]).toMatchObject({ readyTime: null, liveEnvironments: 0 });
  });

  it("uses the same statements for a page of one template as for a page of many", async () => {
    const statements: string[] = [];
    const pg = poolOf(world.db)!;
    const original = pg.query.bind(pg);
    (pg as { query: unknown }).query = (config: { text?: string } | string, ...rest: unknown[]) => {
      statements.push(typeof config === "string" ? config : (config.text ?? ""));
      return (original as (...args: unknown[]) => unknown)(config, ...rest);
    };
    try {
      await catalog(world.admin, { limit: 100 });
      const many = statements.splice(0).length;
      await catalog(world.admin, { limit: 1 });
      expect(statements.length).toBeLessThanOrEqual(many);
      expect(many).toBeLessThanOrEqual(5);
    } finally {
      (pg as { query: unknown }).query = original;
    }
  });
});
