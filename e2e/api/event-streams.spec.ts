// Live streams per user are capped (HANGAR_MAX_STREAMS_PER_USER, 20 by default): a user's 21st
// open stream is a 429 with a message, and closing one gives its slot back. Streams are opened
// with fetch (headers arrive at once; the body never ends), so many can be held at a time.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { baseUrl, destroyAndWait, requestEnvironment, signedInContext, uniqueName } from "../support/api";
import { createUser, databaseUrl } from "../support/users";

const CAP = 20;
let context: APIRequestContext;
let cookie = "";
let environmentId = "";

test.beforeAll(async () => {
  test.skip(!databaseUrl(), "needs the system's database to create a user of its own");
  const user = await createUser({ role: "developer", teamSlug: "demo", label: "streams" });
  context = await signedInContext(user.email, user.password);
  cookie = (await context.storageState()).cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  ({ id: environmentId } = await requestEnvironment(context, { name: uniqueName("streams"), template: "web-dev" }));
});
test.afterAll(async () => {
  if (environmentId) await destroyAndWait(context, environmentId);
  await context?.dispose();
});

async function open(): Promise<{ status: number; body: string; close: () => void }> {
  const abort = new AbortController();
  const response = await fetch(`${baseUrl()}/api/v1/environments/${environmentId}/events`, { headers: { cookie }, signal: abort.signal });
  const body = response.status === 200 ? "" : await response.text();
  return { status: response.status, body, close: () => abort.abort() };
}

test(`a user's ${CAP + 1}th live stream is refused with a 429, and a closed one frees its slot`, async () => {
  const streams = [];
  try {
    for (let i = 0; i < CAP; i++) streams.push(await open());
    expect(streams.map((s) => s.status)).toEqual(Array(CAP).fill(200));
    const refused = await open();
    expect(refused.status).toBe(429);
    expect(JSON.parse(refused.body)).toMatchObject({ error: { code: "quota_exceeded", message: expect.stringContaining(`${CAP} live streams open`) } });

    streams.pop()!.close();
    await expect.poll(async () => {
      const next = await open();
      if (next.status === 200) streams.push(next);
      return next.status;
    }).toBe(200);
  } finally {
    for (const stream of streams) stream.close();
  }
});
