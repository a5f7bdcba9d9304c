// Keyset pages of every list on real Postgres, over 1,500 environments in three teams (two per
// creation time, so the id tie-break matters): walking Next visits each row once in the list's
// order and Previous walks the same pages back; the total is counted up to 1,000 and the page
// number shown while it is under that; a cursor that is tampered with or belongs to another list
// is a 400 at `query.cursor`; every state filter the page offers is one the API accepts; and a
// deep page's statement, as Prisma sends it, reads from the cursor on an index (EXPLAIN).
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { captureStatements, explainStatement, pageStatement } from "../bench/lib/query-plans";
import { seedLists } from "../bench/scenarios/lists-seed";
import { newId } from "../lib/db/ids";
import { listEnvironments } from "../lib/environments/list-environments";
import { listEnvironmentsSchema } from "../lib/environments/schemas";
import { STATE_FILTERS } from "../lib/environments/state-filter";
import { invalidFromZod } from "../lib/errors/zod-issues";
import { loadCaller, type Caller } from "../lib/identity/caller";
import { listUsers, listUsersSchema } from "../lib/identity/users";
import { encodeCursor } from "../lib/pagination/keyset";
import { TOTAL_CAP, type ListPage } from "../lib/pagination/keyset-list";
import { seedDemo } from "../lib/seed/seed-demo";
import { listServices } from "../lib/services/list-services";
import { listServicesSchema } from "../lib/services/schemas";
import { listTemplates } from "../lib/templates/list-templates";
import { failure } from "./helpers/callers";
import { createTestDatabase, type TestDatabase } from "./helpers/database";

const ENVIRONMENTS = 1500;
let database: TestDatabase;
let admin: Caller;
let developer: Caller;

beforeAll(async () => {
  database = await createTestDatabase();
  const ids = await seedDemo(database.db, { password: "test-password", sandboxEndpoint: "http://127.0.0.1:9", encryptionKey: Buffer.alloc(32, 7).toString("base64"), templatesDir: "examples/templates" });
  await seedLists(database.url, { environments: ENVIRONMENTS, teams: 3, services: 23 });
  await database.db.user.createMany({ data: Array.from({ length: 11 }, (_, i) => ({ id: newId(), email: `person-${String(i).padStart(2, "0")}@example.com`, name: `Person ${i}` })) });
  admin = (await loadCaller(database.db, ids.adminId))!;
  developer = (await loadCaller(database.db, ids.developerId))!;
}, 120_000);
afterAll(async () => {
  await database?.drop();
});

/** Every page's ids walking Next from the first, then every page's ids walking Previous back from the last. */
async function walk<T extends { id: string }>(load: (cursor: string | undefined) => Promise<ListPage<T>>) {
  const forward: ListPage<T>[] = [await load(undefined)];
  while (forward.at(-1)!.nextCursor) forward.push(await load(forward.at(-1)!.nextCursor!));
  const backward: ListPage<T>[] = [forward.at(-1)!];
  while (backward[0]!.prevCursor) backward.unshift(await load(backward[0]!.prevCursor));
  return { forward, backward, ids: forward.flatMap((page) => page.items.map((item) => item.id)) };
}

/** The list's rows in its order, straight from SQL. */
async function expected(sql: string, values: unknown[] = []): Promise<string[]> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    return (await client.query<{ id: string }>(sql, values)).rows.map((row) => row.id);
  } finally {
    await client.end();
  }
}

describe("environment list", () => {
  it.each([
    ["the admin, every team, all states", () => admin, "all", ""],
    ["the admin, every team, active", () => admin, "active", `AND state <> 'destroyed'`],
    ["the developer, one team, ready", () => developer, "ready", `AND state = 'ready'`],
  ] as const)("walks every row once, newest first, and back: %s", async (_name, caller, state, condition) => {
    const teamIds = caller().memberships.map((m) => m.teamId);
    const { forward, backward, ids } = await walk((cursor) => listEnvironments(database.db, caller(), listEnvironmentsSchema.parse({ state, cursor, limit: "50" })));
    const all = await expected(`SELECT id FROM "Environment" WHERE "teamId" = ANY($1) ${condition} ORDER BY "createdAt" DESC, id DESC`, [teamIds]);
    expect(all.length).toBeGreaterThan(100);
    expect(ids).toEqual(all);
    expect(backward.map((page) => page.items.map((item) => item.id))).toEqual(forward.map((page) => page.items.map((item) => item.id)));
    // Counted up to the cap; page numbers while at most that many rows come before the page.
    expect(forward[0]).toMatchObject({ total: Math.min(all.length, TOTAL_CAP), totalCapped: all.length > TOTAL_CAP, page: 1, prevCursor: null });
    forward.forEach((page, index) => expect(page.page).toBe(index * 50 <= TOTAL_CAP ? index + 1 : null));
    backward.forEach((page, index) => expect(page.page).toBe(index * 50 <= TOTAL_CAP ? index + 1 : null));
  });

  it("searches within the pages, and a team filter naming a foreign team matches nothing", async () => {
    const { ids } = await walk((cursor) => listEnvironments(database.db, admin, listEnvironmentsSchema.parse({ state: "all", search: "ENV-12", cursor, limit: "7" })));
    expect(ids).toEqual(await expected(`SELECT id FROM "Environment" WHERE name ILIKE '%env-12%' ORDER BY "createdAt" DESC, id DESC`));
    // The template's name (service-stack: half of them), and the owner's email (all of them).
    const byTemplate = await listEnvironments(database.db, admin, listEnvironmentsSchema.parse({ state: "all", search: "service STACK", limit: "100" }));
    expect(byTemplate.items.map((item) => item.id)).toEqual(
      (await expected(`SELECT e.id FROM "Environment" e JOIN "TemplateVersion" v ON v.id = e."templateVersionId" JOIN "Template" t ON t.id = v."templateId" WHERE t.name ILIKE '%service stack%' ORDER BY e."createdAt" DESC, e.id DESC`)).slice(0, 100),
    );
    expect((await listEnvironments(database.db, admin, listEnvironmentsSchema.parse({ state: "all", search: "dev@hangar", limit: "1" }))).total).toBe(TOTAL_CAP);
    expect((await listEnvironments(database.db, admin, listEnvironmentsSchema.parse({ state: "all", search: "nobody-has-this" }))).items).toEqual([]);
    expect((await listEnvironments(database.db, developer, listEnvironmentsSchema.parse({ team: "bench-team-2" }))).items).toEqual([]);
  });

  it("refuses a tampered cursor, another list's and one edited into a non-key, at query.cursor", async () => {
    const services = await listServices(database.db, admin, listServicesSchema.parse({ limit: "2" }));
    const edited = encodeCursor({ direction: "after", key: ["yesterday", "bench-env-000001"] }, "environments:newest");
    const deploymentsShape = encodeCursor({ direction: "after", key: [new Date().toISOString(), "x"] });
    for (const cursor of ["not-a-cursor", services.nextCursor!, edited, deploymentsShape, `${services.nextCursor!.slice(0, -3)}abc`]) {
      const error = await failure(listEnvironments(database.db, admin, listEnvironmentsSchema.parse({ cursor })));
      expect([error.status, error.issues.map((issue) => issue.path)]).toEqual([400, ["query.cursor"]]);
    }
  });

  it("accepts every state filter the page offers, and answers each with environments in it", async () => {
    for (const state of STATE_FILTERS) {
      const page = await listEnvironments(database.db, admin, listEnvironmentsSchema.parse({ state, limit: "100" }));
      const states = new Set(page.items.map((item) => item.state));
      if (state === "active") expect(states.has("destroyed")).toBe(false);
      else if (state === "all") expect(states.has("destroyed") && states.size > 1).toBe(true);
      else expect([...states]).toEqual([state]);
    }
    const refused = listEnvironmentsSchema.safeParse({ state: "alive" });
    expect(refused.success ? [] : invalidFromZod(refused.error, "query").issues.map((issue) => issue.path)).toEqual(["query.state"]);
    expect(listEnvironmentsSchema.parse({}).state).toBe("active");
  });

  it.each([
    ["one team", () => developer],
    ["every team", () => admin],
  ] as const)("reads a deep page through an index from its cursor, not the whole table (%s)", async (_name, caller) => {
    const first = await listEnvironments(database.db, caller(), listEnvironmentsSchema.parse({ state: "all", limit: "20" }));
    let page = first;
    for (let i = 0; i < 15 && page.nextCursor; i++) page = await listEnvironments(database.db, caller(), listEnvironmentsSchema.parse({ state: "all", limit: "20", cursor: page.nextCursor }));
    const { statements } = await captureStatements(() => listEnvironments(database.db, caller(), listEnvironmentsSchema.parse({ state: "all", limit: "20", cursor: page.nextCursor! })));
    const plan = await explainStatement(database.url, pageStatement(statements, "Environment"), "Environment");
    // The scan starts at the cursor's createdAt on one of the keyset indexes. On a table this
    // small Postgres may collect the rest of the team's rows by a bitmap and sort them (cheaper
    // than walking the index here); at 10,000 rows it walks the index (bench/README.md).
    expect(plan.seqScan, JSON.stringify(plan)).toBe(false);
    expect(plan.scans.join(), JSON.stringify(plan)).toMatch(/on Environment_(teamId_createdAt_id|createdAt_id)_idx/);
    expect(plan.indexConditions.join(), JSON.stringify(plan)).toMatch(/"createdAt" <=/);
  });
});

describe("the other lists", () => {
  it("services walk by name and back", async () => {
    const { forward, backward, ids } = await walk((cursor) => listServices(database.db, admin, listServicesSchema.parse({ cursor, limit: "4" })));
    expect(ids).toEqual(await expected(`SELECT id FROM "Service" ORDER BY name, id`));
    expect(backward.map((page) => page.items.map((item) => item.id))).toEqual(forward.map((page) => page.items.map((item) => item.id)));
    expect(forward.map((page) => page.page)).toEqual(forward.map((_, index) => index + 1));
  });

  it("templates walk by name, and users by email", async () => {
    const templates = await walk((cursor) => listTemplates(database.db, admin, { cursor, limit: 2 }));
    expect(templates.ids).toEqual(await expected(`SELECT id FROM "Template" WHERE "archivedAt" IS NULL ORDER BY name, id`));
    const users = await walk((cursor) => listUsers(database.db, admin, listUsersSchema.parse({ cursor, limit: "3" })));
    expect(users.ids).toEqual(await expected(`SELECT id FROM "User" ORDER BY email, id`));
    expect(users.forward[0]!.total).toBe(users.ids.length);
  });
});
