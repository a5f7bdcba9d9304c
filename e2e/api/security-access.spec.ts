// Every /api/v1 route (from the route files and the OpenAPI document, so a new route is walked
// without editing this file) called as every kind of caller that must be refused: anonymous and
// dead credentials (expired, revoked, a disabled user's token and session) get 401 everywhere; a
// viewer of team A changes nothing (403/404); a developer of team B gets 403/404 for each of team
// A's things and never sees them in a list. Afterwards team A's things are as they were.
import { expect, test } from "@playwright/test";
import {
  callRoute,
  describeAnswer,
  eachLimited,
  type Answer,
} from "../support/security-calls";
import {
  allRoutes,
  isPublic,
  isUnsafe,
  type ApiRoute,
} from "../support/security-routes";
import {
  hasSample,
  READ_LIKE,
  SCOPED_BULK,
  SELF,
} from "../support/security-samples";
import { expectWorldIntact } from "../support/security-intact";
import { createWorld, type World } from "../support/security-world";
import { databaseUrl } from "../support/users";

test.describe.configure({ mode: "serial" });

let world: World;
let routes: ApiRoute[];
const DENIED = [403, 404];
/** A 2xx from a bulk change scoped to what the caller may change, that changed nothing. */
const didNothing = (answer: Answer) =>
  answer.status === 200 &&
  (SCOPED_BULK[answer.route.key]?.(answer.text) ?? false);
const hasParams = (route: ApiRoute) => route.template.includes("/:");

test.beforeAll(async () => {
  test.skip(
    !databaseUrl(),
    "needs the system's database to make teams, users and dead tokens",
  );
  test.setTimeout(120_000);
  world = await createWorld();
  routes = (await allRoutes(world.admin)).filter((route) => !isPublic(route));
});
test.afterAll(async () => {
  await world?.dispose();
});

test("the walk covers the whole API, and every route that reads a body has a valid sample", () => {
  expect(routes.length).toBeGreaterThanOrEqual(45);
  expect(routes.map((route) => route.key)).toEqual(
    expect.arrayContaining([
      "GET /api/v1/me",
      "POST /api/v1/tokens",
      "DELETE /api/v1/tokens/:id",
      "PATCH /api/v1/users/:id",
      "POST /api/v1/environments/:id/destroy",
    ]),
  );
  expect(
    routes
      .filter((route) => route.hasBody && !hasSample(route))
      .map((route) => route.key),
  ).toEqual([]);
});

test("anonymous callers and dead credentials get 401 on every route", async () => {
  test.setTimeout(120_000);
  const problems: string[] = [];
  for (const caller of world.dead) {
    const answers = await eachLimited(routes, 6, (route) =>
      callRoute(caller.context, route, world),
    );
    for (const answer of answers) {
      const code =
        answer.status === 401
          ? (JSON.parse(answer.text) as { error?: { code?: string } }).error
              ?.code
          : undefined;
      if (code !== "unauthenticated")
        problems.push(
          describeAnswer(caller.label, answer, "401 unauthenticated"),
        );
    }
  }
  expect(problems).toEqual([]);
});

test("a viewer of team A is refused every change (403/404)", async () => {
  const unsafe = routes.filter(
    (route) =>
      isUnsafe(route) && !READ_LIKE.has(route.key) && !SELF.has(route.key),
  );
  const answers = await eachLimited(unsafe, 4, (route) =>
    callRoute(world.viewerA, route, world),
  );
  expect(
    answers
      .filter(
        (answer) => !DENIED.includes(answer.status) && !didNothing(answer),
      )
      .map((answer) => describeAnswer("viewer of A", answer, "403/404")),
  ).toEqual([]);
});

test("a developer of team B gets 403/404 for team A's things and never sees them listed", async () => {
  // Routes on the caller alone are theirs to use (and signing out everywhere would end the walk).
  const answers = await eachLimited(
    routes.filter((route) => !SELF.has(route.key)),
    4,
    (route) => callRoute(world.developerB, route, world),
  );
  const problems: string[] = [];
  for (const answer of answers) {
    const { route } = answer;
    if (hasParams(route) || (isUnsafe(route) && !READ_LIKE.has(route.key))) {
      if (!DENIED.includes(answer.status))
        problems.push(describeAnswer("developer of B", answer, "403/404"));
    } else if (answer.status >= 500 || answer.status < 0) {
      problems.push(
        describeAnswer("developer of B", answer, "no server error"),
      );
    }
    // An id the caller sent may be echoed in a refusal ("service … not found"); anything else leaks.
    const seen = world.secretsOfA.filter(
      (secret) => answer.text.includes(secret) && !answer.sent.includes(secret),
    );
    if (seen.length > 0)
      problems.push(
        describeAnswer(
          "developer of B",
          answer,
          `none of team A's ${seen.join(", ")}`,
        ),
      );
  }
  expect(problems).toEqual([]);
});

test("after the walk, team A's things are as they were", async () => {
  await expectWorldIntact(world);
});
