// Hostile input never makes the server fail: every route that reads a body gets bodies built by
// fast-check (see e2e/support/security-fuzz.ts) and answers each with a JSON 4xx, never a 5xx;
// every route gets path segments with odd bytes (NUL, invalid UTF-8, very long, unicode) and
// answers 4xx. A failure names the route, the seed (replay with E2E_FUZZ_SEED) and the body.
import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import fc from "fast-check";
import { eachLimited } from "../support/security-calls";
import {
  bodyArbitrary,
  fuzzSettings,
  ODD_SEGMENTS,
} from "../support/security-fuzz";
import { allRoutes, isPublic, type ApiRoute } from "../support/security-routes";
import { READ_LIKE, sampleBody, SELF } from "../support/security-samples";
import { createWorld, type World } from "../support/security-world";
import { databaseUrl } from "../support/users";

test.describe.configure({ mode: "serial" });

let world: World;
let routes: ApiRoute[];
const hasParams = (route: ApiRoute) => route.template.includes("/:");
const withRandomIds = (template: string) =>
  template.replace(/:[a-zA-Z]+/g, () => randomUUID());

test.beforeAll(async () => {
  test.skip(
    !databaseUrl(),
    "needs the system's database to make teams and users",
  );
  test.setTimeout(120_000);
  world = await createWorld();
  routes = await allRoutes(world.admin);
});
test.afterAll(async () => {
  await world?.dispose();
});

/** A JSON 4xx with an error code; a 2xx only for a check that changes nothing or the caller's own profile. */
function acceptable(route: ApiRoute, status: number, text: string): boolean {
  if (status >= 200 && status < 300)
    return READ_LIKE.has(route.key) || SELF.has(route.key);
  if (status < 400 || status >= 500) return false;
  if (status === 413 || (status === 400 && text === "")) return true;
  try {
    return (
      typeof (JSON.parse(text) as { error?: { code?: unknown } }).error
        ?.code === "string"
    );
  } catch {
    return false;
  }
}

test("arbitrary bodies on every route that reads one are a 4xx, never a 5xx", async () => {
  test.setTimeout(300_000);
  const bodyRoutes = routes.filter((route) => route.hasBody);
  expect(bodyRoutes.length).toBeGreaterThanOrEqual(20);
  const { numRuns, seed } = fuzzSettings();
  const failures: string[] = [];
  // An admin on routes with ids (random ones: a body that happens to be valid meets a 404, and
  // nothing real is touched); team B's developer on the rest, whose samples name team A.
  await eachLimited(bodyRoutes, 3, async (route) => {
    const caller =
      hasParams(route) || isPublic(route) ? world.admin : world.developerB;
    const url = withRandomIds(route.template);
    const result = await fc.check(
      fc.asyncProperty(bodyArbitrary(sampleBody(route, world)), async (raw) => {
        const response = await caller.fetch(url, {
          method: route.method,
          data: raw,
          headers: { "content-type": "application/json" },
          timeout: 30_000,
        });
        const text = await response.text();
        if (!acceptable(route, response.status(), text))
          throw new Error(`${response.status()} ${text.slice(0, 300)}`);
      }),
      { numRuns, seed, endOnFailure: true },
    );
    if (result.failed) {
      const body = JSON.stringify(result.counterexample?.[0] ?? "").slice(
        0,
        300,
      );
      failures.push(
        `${route.key} (seed ${result.seed}): ${result.errorInstance instanceof Error ? result.errorInstance.message : String(result.errorInstance)} for body ${body}`,
      );
    }
  });
  expect(failures, `replay with E2E_FUZZ_SEED=${seed}`).toEqual([]);
});

test("odd bytes in path segments are a 4xx on every route", async () => {
  test.setTimeout(180_000);
  const cases = routes
    .filter(hasParams)
    .flatMap((route) =>
      (route.method === "GET" ? ODD_SEGMENTS : ODD_SEGMENTS.slice(0, 5)).map(
        (segment) => ({ route, segment }),
      ),
    );
  const failures: string[] = [];
  await eachLimited(cases, 6, async ({ route, segment }) => {
    let first = true;
    const url = route.template.replace(/:[a-zA-Z]+/g, () =>
      first ? ((first = false), segment) : randomUUID(),
    );
    const response = await world.admin.fetch(url, {
      method: route.method,
      data: route.method === "GET" ? undefined : sampleBody(route, world),
      timeout: 30_000,
    });
    const status = response.status();
    if (status < 400 || status >= 500)
      failures.push(
        `${route.method} ${url.slice(0, 120)} → ${status} ${(await response.text()).slice(0, 200)}`,
      );
  });
  expect(failures).toEqual([]);
});
