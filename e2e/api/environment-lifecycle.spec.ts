// The happy path through the API alone: request → provisioning → ready (instances in the
// sandbox cloud, outputs filled) → live events → destroy → destroyed.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { baseUrl, DEVELOPER_EMAIL, destroyAndWait, environmentCount, getEnvironment, signedInContext, uniqueName, waitForState } from "../support/api";

test.describe.configure({ mode: "serial" });

let developer: APIRequestContext;
let environmentId: string | undefined;

test.beforeAll(async () => {
  developer = await signedInContext(DEVELOPER_EMAIL);
});

test.afterAll(async () => {
  if (environmentId) await destroyAndWait(developer, environmentId).catch(() => undefined);
  await developer.dispose();
});

/** Reads a server-sent event stream until an event of `type` arrives, then hangs up. */
async function firstEvent(url: string, cookie: string, type: string): Promise<{ contentType: string; data: unknown }> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 15_000);
  try {
    const response = await fetch(url, { headers: { cookie, accept: "text/event-stream" }, signal: controller.signal });
    expect(response.status).toBe(200);
    const contentType = response.headers.get("content-type") ?? "";
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`stream ended before a ${type} event`);
      buffer += value;
      for (const block of buffer.split("\n\n").slice(0, -1)) {
        const lines = block.split("\n");
        if (lines.includes(`event: ${type}`)) {
          const data = lines.filter((line) => line.startsWith("data: ")).map((line) => line.slice(6)).join("\n");
          return { contentType, data: JSON.parse(data) as unknown };
        }
      }
    }
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}

test("request an environment: 201 with its id, run and location", async () => {
  const before = await environmentCount(developer);
  const name = uniqueName("happy");
  const response = await developer.post("/api/v1/environments", { data: { name, template: "web-dev", parameters: { branch: "main", size: "t3.small" }, ttl: "2h" } });
  expect(response.status(), await response.text()).toBe(201);
  const created = (await response.json()) as { id: string; runId: string };
  expect(response.headers()["location"]).toBe(`/api/v1/environments/${created.id}`);
  environmentId = created.id;
  expect(await environmentCount(developer)).toBe(before + 1);

  const environment = await getEnvironment(developer, created.id);
  expect(environment).toMatchObject({ name, canWrite: true });
  expect(environment.runs[0]).toMatchObject({ id: created.runId, kind: "provision" });
});

test("it becomes ready with a running instance and filled outputs", async () => {
  const ready = await waitForState(developer, environmentId!, ["ready"]);
  expect(ready.instances).toHaveLength(1);
  expect(ready.instances[0]).toMatchObject({ state: "running" });
  expect(ready.instances[0]!.publicIp).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
  expect(ready.outputs.url).toBe(`http://${ready.instances[0]!.publicIp}:8080`);
  expect(ready.outputs.ssh).toContain("ssh ec2-user@");
  const provision = ready.runs.find((run) => run.kind === "provision")!;
  expect(provision.state).toBe("succeeded");
  expect(provision.steps.length).toBeGreaterThan(0);
  expect(provision.steps.every((step) => step.state === "succeeded")).toBe(true);

  const logs = (await (await developer.get(`/api/v1/environments/${environmentId}/logs`)).json()) as { items: { id: string; message: string }[] };
  expect(logs.items.length).toBeGreaterThan(0);
  const after = logs.items[logs.items.length - 2]!.id;
  const tail = (await (await developer.get(`/api/v1/environments/${environmentId}/logs?after=${after}`)).json()) as { items: unknown[] };
  expect(tail.items).toHaveLength(1);
});

test("live events: text/event-stream with a snapshot of the environment", async () => {
  const cookie = (await developer.storageState()).cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  const event = await firstEvent(`${baseUrl()}/api/v1/environments/${environmentId}/events`, cookie, "snapshot");
  expect(event.contentType).toContain("text/event-stream");
  expect(event.data).toMatchObject({ id: environmentId, state: "ready" });
});

test("destroy: 202 with the destroy run, then destroyed with every instance terminated", async () => {
  const response = await developer.delete(`/api/v1/environments/${environmentId}`);
  expect(response.status()).toBe(202);
  const { runId } = (await response.json()) as { runId: string };
  const destroyed = await waitForState(developer, environmentId!, ["destroyed"]);
  expect(destroyed.runs.find((run) => run.id === runId)).toMatchObject({ kind: "destroy", state: "succeeded" });
  expect(destroyed.instances.every((instance) => instance.state === "terminated")).toBe(true);
  environmentId = undefined;
});
