// GET /api/v1/catalog over HTTP: the session wrapper, the query schema, keyset cursors through
// the URL, and a template shared with one team missing for the others.
import { randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { DEVELOPER_EMAIL, expectError, signedInContext } from "../support/api";
import { createUser, databaseUrl } from "../support/users";

let platform: APIRequestContext;
let developer: APIRequestContext;
const suffix = randomUUID().slice(0, 8);
const yaml = (name: string) => `name: ${name}\ntags: [api-e2e-${suffix}]\nlease: { default: 1h, max: 1d }\ninstanceGroups:\n  - name: web\n    image: ami-0123456789abcdef0\n    instanceType: t3.small\n`;
type CatalogPage = { items: { slug: string; tags: string[]; hourlyCost: { minUsdPerHour: number } | null; liveEnvironments: number }[]; total: number; nextCursor: string | null; prevCursor: string | null };

test.beforeAll(async () => {
  test.skip(!databaseUrl(), "needs the system's database to create a platform user");
  const user = await createUser({ role: "platform", teamSlug: `cat-api-${suffix}`, label: "catalog-api" });
  platform = await signedInContext(user.email, user.password);
  developer = await signedInContext(DEVELOPER_EMAIL);
  for (const [slug, sharedWith] of [[`cat-a-${suffix}`, "all"], [`cat-b-${suffix}`, "all"], [`cat-c-${suffix}`, [`cat-api-${suffix}`]]] as const) {
    expect((await platform.post("/api/v1/templates", { data: { slug, source: yaml(`Catalog API ${slug}`), sharedWith } })).status()).toBe(201);
  }
});
test.afterAll(async () => {
  await platform?.dispose();
  await developer?.dispose();
});

test("pages through a tag's templates by cursor; a template shared with one team is not in the others' catalog", async ({ request }) => {
  expect((await request.get("/api/v1/catalog")).status()).toBe(401);
  const first = await platform.get(`/api/v1/catalog?tag=api-e2e-${suffix}&limit=2`);
  expect(first.status()).toBe(200);
  const page1 = (await first.json()) as CatalogPage;
  expect([page1.total, page1.items.length, page1.prevCursor]).toEqual([3, 2, null]);
  expect(page1.items[0]).toMatchObject({ tags: [`api-e2e-${suffix}`], hourlyCost: { minUsdPerHour: 0.0208 }, liveEnvironments: 0 });
  const page2 = (await (await platform.get(`/api/v1/catalog?tag=api-e2e-${suffix}&limit=2&cursor=${page1.nextCursor}`)).json()) as CatalogPage;
  expect([page2.items.map((i) => i.slug), page2.nextCursor]).toEqual([[`cat-c-${suffix}`], null]);

  const theirs = (await (await developer.get(`/api/v1/catalog?q=${suffix}`)).json()) as CatalogPage;
  expect(theirs.items.map((i) => i.slug)).toEqual([`cat-a-${suffix}`, `cat-b-${suffix}`]);

  await expectError(await developer.get("/api/v1/catalog?cursor=not-a-cursor"), 400, "invalid", "query.cursor");
  await expectError(await developer.get("/api/v1/catalog?limit=500"), 400, "invalid", "query.limit");
});
