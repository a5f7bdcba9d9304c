// The bad-input contract over HTTP: each bad request gets a 4xx JSON error with a code and the
// field path, and writes nothing (the caller's environment count is unchanged).
import { randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { DEVELOPER_EMAIL, destroyAndWait, environmentCount, expectError, getEnvironment, requestEnvironment, signedInContext, uniqueName, waitForState } from "../support/api";
import { createUser, databaseUrl } from "../support/users";

test.describe.configure({ mode: "serial" });

let developer: APIRequestContext;
const cleanup: { context: APIRequestContext; id: string }[] = [];

test.beforeAll(async () => {
  developer = await signedInContext(DEVELOPER_EMAIL);
});

test.afterAll(async () => {
  for (const { context, id } of cleanup) await destroyAndWait(context, id).catch(() => undefined);
  await developer.dispose();
});

/** Sends the request and checks the error; the environment count must not move. */
async function rejected(send: () => Promise<APIResponse>, status: number, code: string, path?: string, as: APIRequestContext = developer) {
  const before = await environmentCount(as);
  const body = await expectError(await send(), status, code, path);
  expect(await environmentCount(as), "nothing may be written").toBe(before);
  return body;
}

const post = (body: Record<string, unknown>, as: APIRequestContext = developer) => () => as.post("/api/v1/environments", { data: body });

test("unknown template: 404 at template", async () => {
  await rejected(post({ name: uniqueName("bad"), template: "no-such-template" }), 404, "not_found", "template");
});

test("parameters outside the template's schema: 400 at each parameter's path", async () => {
  const body = await rejected(post({ name: uniqueName("bad"), template: "web-dev", parameters: { size: "t3.enormous", branch: "bad branch!", extra: 1 } }), 400, "invalid");
  expect(body.error.issues?.map((issue) => issue.path).sort()).toEqual(["parameters.branch", "parameters.extra", "parameters.size"]);
  await rejected(post({ name: uniqueName("bad"), template: "service-stack", parameters: { replicas: 9 } }), 400, "invalid", "parameters.replicas");
});

test("TTL beyond the template's maximum, or not a duration: 400 at ttl", async () => {
  const body = await rejected(post({ name: uniqueName("bad"), template: "web-dev", ttl: "4d" }), 400, "invalid", "ttl");
  expect(body.error.message).toMatch(/maximum lease of 3d/);
  await rejected(post({ name: uniqueName("bad"), template: "web-dev", ttl: "soon" }), 400, "invalid", "ttl");
});

test("malformed requests: 400 at the field (bad name, unknown field, not JSON)", async () => {
  await rejected(post({ name: "Bad Name!", template: "web-dev" }), 400, "invalid", "name");
  await rejected(post({ name: uniqueName("bad"), template: "web-dev", colour: "red" }), 400, "invalid");
  await rejected(() => developer.post("/api/v1/environments", { data: Buffer.from("{not json"), headers: { "content-type": "application/json" } }), 400, "invalid", "body");
  await rejected(post({ name: uniqueName("bad"), template: "web-dev", region: "ap-south-2" }), 400, "invalid", "region");
  await rejected(post({ name: uniqueName("bad"), template: "web-dev", team: "no-such-team" }), 404, "not_found", "team");
});

test("a name already used by a live environment of the team: 409 at name", async () => {
  const name = uniqueName("dup");
  const first = await requestEnvironment(developer, { name, template: "web-dev" });
  cleanup.push({ context: developer, id: first.id });
  await rejected(post({ name, template: "web-dev" }), 409, "conflict", "name");
});

test("destroying twice: 409 while the destroy runs and once it is destroyed", async () => {
  const created = await requestEnvironment(developer, { name: uniqueName("twice"), template: "web-dev" });
  const destroy = await developer.delete(`/api/v1/environments/${created.id}`);
  expect(destroy.status()).toBe(202);
  const destroyRunId = ((await destroy.json()) as { runId: string }).runId;
  const again = await developer.delete(`/api/v1/environments/${created.id}`);
  // The destroy may already have finished on a fast machine: either answer is a 409.
  await expectError(again, 409, "conflict");
  const destroyed = await waitForState(developer, created.id, ["destroyed"]);
  expect(destroyed.runs.find((run) => run.id === destroyRunId)?.state).toBe("succeeded");
  const body = await rejected(() => developer.delete(`/api/v1/environments/${created.id}`), 409, "conflict");
  expect(body.error.message).toMatch(/already destroyed/);
  await rejected(() => developer.post(`/api/v1/environments/${created.id}/destroy`), 409, "conflict");
});

test("an id that does not exist: 404 for every environment route, naming nothing but the id", async () => {
  const id = randomUUID();
  for (const response of [
    await developer.get(`/api/v1/environments/${id}`),
    await developer.delete(`/api/v1/environments/${id}`),
    await developer.post(`/api/v1/environments/${id}/destroy`),
    await developer.get(`/api/v1/environments/${id}/logs`),
    await developer.get(`/api/v1/environments/${id}/events`),
  ]) {
    const body = await expectError(response, 404, "not_found");
    expect(body.error.message).toBe(`Environment ${id} not found`);
  }
});

test.describe("other users", () => {
  test.skip(!databaseUrl(), "needs E2E_DATABASE_URL to add users (set by the global setup)");

  test("another team's environment is 404 for the developer, exactly like a random id", async () => {
    const outsider = await createUser({ role: "developer", teamSlug: `e2e-other-${Date.now().toString(36)}`, label: "outsider" });
    const theirs = await signedInContext(outsider.email, outsider.password);
    const name = uniqueName("secret");
    const created = await requestEnvironment(theirs, { name, template: "web-dev" });
    cleanup.push({ context: theirs, id: created.id });

    for (const response of [await developer.get(`/api/v1/environments/${created.id}`), await developer.get(`/api/v1/environments/${created.id}/events`)]) {
      const body = await expectError(response, 404, "not_found");
      expect(body.error.message).toBe(`Environment ${created.id} not found`);
      expect(JSON.stringify(body)).not.toContain(name);
    }
    await rejected(() => developer.delete(`/api/v1/environments/${created.id}`), 404, "not_found");
    // Their environment is still there, untouched, and not in the developer's list.
    expect((await getEnvironment(theirs, created.id)).state).not.toMatch(/destroy/);
    const search = (await (await developer.get(`/api/v1/environments?search=${name}`)).json()) as { total: number };
    expect(search.total).toBe(0);
  });

  test("a viewer can read the team's environments but neither create nor destroy them (403)", async () => {
    const viewerUser = await createUser({ role: "viewer", teamSlug: "demo", label: "viewer" });
    const viewer = await signedInContext(viewerUser.email, viewerUser.password);
    const mine = await requestEnvironment(developer, { name: uniqueName("viewed"), template: "web-dev" });
    cleanup.push({ context: developer, id: mine.id });

    expect((await getEnvironment(viewer, mine.id)).canWrite).toBe(false);
    await rejected(() => viewer.delete(`/api/v1/environments/${mine.id}`), 403, "forbidden", undefined, viewer);
    await rejected(post({ name: uniqueName("viewer"), template: "web-dev" }, viewer), 403, "forbidden", undefined, viewer);
    expect((await getEnvironment(developer, mine.id)).state).not.toMatch(/destroy/);
    await viewer.dispose();
  });
});
