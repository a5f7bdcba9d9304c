// Cross-site request forgery, on every unsafe route: an admin's session cookie sent from a foreign
// Origin, with `Origin: null` (sandboxed frames, file: pages) or marked cross-site/same-site by
// the browser is a 403 and changes nothing; a text/plain or form body (what a page can send
// without a preflight) is a 415 even from Hangar's own origin. API tokens are not cookies, so a
// token call from a foreign Origin is never refused by this check.
import { randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext } from "@playwright/test";
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
import { sampleBody, SELF } from "../support/security-samples";
import { expectWorldIntact } from "../support/security-intact";
import {
  bearerContext,
  createWorld,
  makeToken,
  type World,
} from "../support/security-world";
import { databaseUrl } from "../support/users";

test.describe.configure({ mode: "serial" });

let world: World;
let unsafe: ApiRoute[];
let tokenCaller: APIRequestContext;
const FOREIGN = "https://hangar.evil.example";
const code = (answer: Answer) => {
  try {
    return (
      JSON.parse(answer.text) as { error?: { code?: string; message?: string } }
    ).error;
  } catch {
    return undefined;
  }
};
const CSRF_MESSAGE = /Cross-origin request refused/;

test.beforeAll(async () => {
  test.skip(
    !databaseUrl(),
    "needs the system's database to make teams and users",
  );
  test.setTimeout(120_000);
  world = await createWorld();
  unsafe = (await allRoutes(world.admin)).filter(
    (route) => isUnsafe(route) && !isPublic(route),
  );
  tokenCaller = await bearerContext((await makeToken(world.developerA)).token);
});
test.afterAll(async () => {
  await tokenCaller?.dispose();
  await world?.dispose();
});

const forgeries: { label: string; headers: Record<string, string> }[] = [
  { label: "foreign Origin", headers: { origin: FOREIGN } },
  { label: "Origin: null", headers: { origin: "null" } },
  {
    label: "Sec-Fetch-Site: cross-site",
    headers: { origin: FOREIGN, "sec-fetch-site": "cross-site" },
  },
  // A sibling subdomain: SameSite=Lax sends the cookie, so only this check stands in the way.
  {
    label: "Sec-Fetch-Site: same-site",
    headers: {
      origin: "https://other.hangar.local",
      "sec-fetch-site": "same-site",
    },
  },
];

test("an admin's session cookie from another origin is a 403 on every unsafe route, and nothing changes", async () => {
  test.setTimeout(120_000);
  expect(unsafe.length).toBeGreaterThanOrEqual(30);
  const problems: string[] = [];
  for (const forgery of forgeries) {
    const answers = await eachLimited(unsafe, 6, (route) =>
      callRoute(world.admin, route, world, { headers: forgery.headers }),
    );
    for (const answer of answers) {
      const error = code(answer);
      if (
        answer.status !== 403 ||
        error?.code !== "forbidden" ||
        !CSRF_MESSAGE.test(error.message ?? "")
      )
        problems.push(
          describeAnswer(forgery.label, answer, "403 cross-origin"),
        );
    }
  }
  expect(problems).toEqual([]);
  await expectWorldIntact(world);
});

test("Origin: null is told to use an API token", async () => {
  const response = await world.admin.post("/api/v1/environments", {
    data: sampleBody(
      unsafe.find((r) => r.key === "POST /api/v1/environments")!,
      world,
    ),
    headers: { origin: "null" },
  });
  expect(response.status()).toBe(403);
  expect(
    ((await response.json()) as { error: { message: string } }).error.message,
  ).toContain("Origin: null");
});

test("a body that is not JSON is a 415 on every unsafe route, even from Hangar's own origin", async () => {
  const problems: string[] = [];
  for (const contentType of [
    "text/plain",
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=x",
  ]) {
    const answers = await eachLimited(unsafe, 6, (route) =>
      callRoute(world.admin, route, world, {
        body: JSON.stringify(sampleBody(route, world)),
        headers: { "content-type": contentType },
      }),
    );
    for (const answer of answers)
      if (
        answer.status !== 415 ||
        code(answer)?.code !== "unsupported_media_type"
      )
        problems.push(describeAnswer(contentType, answer, "415"));
  }
  expect(problems).toEqual([]);
  await expectWorldIntact(world);
});

test("an API token from a foreign Origin is not refused by the CSRF check", async () => {
  // Random ids and empty bodies: the answers are 400/403/404 from the routes themselves, never
  // the cross-origin refusal or a 415 (and nothing of team A is touched).
  // Not the caller's own profile, password or sessions: signing out everywhere is not a refusal.
  const answers = await eachLimited(
    unsafe.filter((route) => !SELF.has(route.key)),
    6,
    (route) =>
      callRoute(
        tokenCaller,
        {
          ...route,
          template: route.template.replace(/:[a-zA-Z]+/g, () => randomUUID()),
        },
        world,
        {
          body: {},
          headers: { origin: FOREIGN, "sec-fetch-site": "cross-site" },
        },
      ),
  );
  const refused = answers.filter(
    (answer) =>
      answer.status === 415 ||
      answer.status < 0 ||
      answer.status >= 500 ||
      CSRF_MESSAGE.test(code(answer)?.message ?? ""),
  );
  expect(
    refused.map((answer) =>
      describeAnswer("token, foreign Origin", answer, "not a CSRF refusal"),
    ),
  ).toEqual([]);

  const extended = await tokenCaller.post(
    `/api/v1/environments/${world.ids.environments}/extend`,
    {
      data: { by: "1h" },
      headers: { origin: FOREIGN, "sec-fetch-site": "cross-site" },
    },
  );
  expect(extended.status(), await extended.text()).toBe(200);
});
