// Cancel and retry over HTTP: a queued run ends at once, a failed run is retried from its failed
// step, and bad requests get a clear 4xx (unknown or foreign run 404, viewer 403, a finished run
// 409) without changing anything.
import { randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { DEVELOPER_EMAIL, destroyAndWait, expectError, getEnvironment, requestEnvironment, signedInContext, uniqueName, waitForState } from "../support/api";
import { clearSandboxFaults, noCapacity, sandboxUrl, setSandboxFaults } from "../support/sandbox";
import { createUser, databaseUrl } from "../support/users";

test.describe.configure({ mode: "serial" });

let developer: APIRequestContext;
const cleanup: string[] = [];

test.beforeAll(async () => {
  developer = await signedInContext(DEVELOPER_EMAIL);
});
test.afterAll(async () => {
  if (sandboxUrl()) await clearSandboxFaults();
  for (const id of cleanup) await destroyAndWait(developer, id).catch(() => undefined);
  await developer.dispose();
});

test("a failed launch is retried from its failed step and becomes ready; retrying again is a 409", async () => {
  test.skip(!sandboxUrl(), "needs the sandbox's control API");
  test.setTimeout(90_000);
  // No capacity anywhere this environment may launch its app group, once each.
  await setSandboxFaults(noCapacity(["m6i.large", "t3a.small"], ["us-east-1a", "us-east-1b"]));
  const { id, runId } = await requestEnvironment(developer, { name: uniqueName("retry"), template: "service-stack", parameters: { replicas: 1, appSize: "m6i.large" }, region: "us-east-1" });
  cleanup.push(id);
  const failed = await waitForState(developer, id, ["failed"]);
  expect(failed.runs[0]).toMatchObject({ id: runId, state: "failed", retryFrom: "launch_instances" });
  await clearSandboxFaults();

  const retry = await developer.post(`/api/v1/runs/${runId}/retry`);
  expect(retry.status(), await retry.text()).toBe(202);
  expect(await retry.json()).toEqual({ id: runId, environmentId: id, fromStep: "launch_instances" });
  const ready = await waitForState(developer, id, ["ready"], 60_000);
  const run = ready.runs[0]!;
  expect(run).toMatchObject({ id: runId, state: "succeeded", retryCount: 1 });
  expect(run.steps.find((s) => s.name === "resolve_images")?.attempt).toBe(1);
  expect(run.steps.find((s) => s.name === "launch_instances")?.attempt).toBe(2);

  await expectError(await developer.post(`/api/v1/runs/${runId}/retry`), 409, "conflict");
  await expectError(await developer.post(`/api/v1/runs/${runId}/cancel`), 409, "conflict");
});

test("cancel a just-requested run: 200 if it had not started, 202 while it heads for its next step; it ends canceled", async () => {
  const { id, runId } = await requestEnvironment(developer, { name: uniqueName("cancel"), template: "web-dev" });
  cleanup.push(id);
  const cancel = await developer.post(`/api/v1/runs/${runId}/cancel`);
  expect([200, 202], await cancel.text()).toContain(cancel.status());
  const body = (await cancel.json()) as { id: string; state: string };
  expect(body.id).toBe(runId);
  expect(body.state).toBe(cancel.status() === 200 ? "canceled" : "canceling");
  // Canceled at a boundary, unless its last step had already begun (then it simply finished).
  const settled = await waitForState(developer, id, ["failed", "ready"]);
  const run = (await getEnvironment(developer, id)).runs[0]!;
  if (settled.state === "failed") {
    expect(run.state).toBe("canceled");
    expect(settled.failureReason).toMatch(/^Canceled by dev@hangar\.local before /);
  } else {
    expect(run.state).toBe("succeeded");
  }
});

test("bad cancel and retry requests: unknown run 404, another team's run 404, viewer 403", async () => {
  await expectError(await developer.post(`/api/v1/runs/${randomUUID()}/cancel`), 404, "not_found");
  await expectError(await developer.post(`/api/v1/runs/${randomUUID()}/retry`), 404, "not_found");
  await expectError(await developer.post(`/api/v1/runs/not-a-uuid/cancel`), 404, "not_found");

  const { id, runId } = await requestEnvironment(developer, { name: uniqueName("runs-auth"), template: "web-dev" });
  cleanup.push(id);
  test.skip(!databaseUrl(), "needs the system's database to create users");
  const outsider = await createUser({ role: "developer", teamSlug: `other-${randomUUID().slice(0, 8)}`, label: "outsider" });
  const viewer = await createUser({ role: "viewer", teamSlug: "demo", label: "viewer" });
  const outsiderContext = await signedInContext(outsider.email, outsider.password);
  const viewerContext = await signedInContext(viewer.email, viewer.password);
  try {
    await expectError(await outsiderContext.post(`/api/v1/runs/${runId}/cancel`), 404, "not_found");
    await expectError(await viewerContext.post(`/api/v1/runs/${runId}/cancel`), 403, "forbidden");
    await expectError(await viewerContext.post(`/api/v1/runs/${runId}/retry`), 403, "forbidden");
  } finally {
    await outsiderContext.dispose();
    await viewerContext.dispose();
  }
  await waitForState(developer, id, ["ready"]);
});
