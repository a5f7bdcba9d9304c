import {
  DescribeInstanceStatusCommand,
  RunInstancesCommand,
  StopInstancesCommand,
  TerminateInstancesCommand,
  type EC2Client,
} from "@aws-sdk/client-ec2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Sandbox } from "../server";
import { admin, al2023, ec2, expectEc2Error, manualClock, start } from "./helpers";

let sandbox: Sandbox;
let client: EC2Client;
let image: string;
const { now, advance } = manualClock();

beforeAll(async () => {
  sandbox = await start({
    clock: now,
    timings: {
      pendingToRunning: { fixedMs: 100 },
      stoppingToStopped: { fixedMs: 100 },
      shuttingDownToTerminated: { fixedMs: 100 },
      runningToStatusOk: { fixedMs: 1000 },
    },
  });
  client = ec2(sandbox, { accessKeyId: "AKIAHEALTHCHECKS0" });
  image = await al2023(client);
});
afterAll(() => sandbox.close());

async function launch(count: number, userData?: string): Promise<string[]> {
  const run = await client.send(
    new RunInstancesCommand({
      ImageId: image,
      InstanceType: "t3.micro",
      MinCount: count,
      MaxCount: count,
      ...(userData === undefined ? {} : { UserData: Buffer.from(userData).toString("base64") }),
    }),
  );
  return run.Instances?.map((i) => i.InstanceId ?? "") ?? [];
}

const url = (id: string, path = "/health", port = 8080) => `${sandbox.url}/_sandbox/instances/${id}/http/${port}${path}`;

describe("status checks", () => {
  it("are initializing for the configured time after running, then ok", async () => {
    const [id = ""] = await launch(1);
    advance(100);
    const early = await client.send(new DescribeInstanceStatusCommand({ InstanceIds: [id] }));
    expect(early.InstanceStatuses?.[0]).toMatchObject({
      InstanceState: { Name: "running" },
      SystemStatus: { Status: "initializing" },
      InstanceStatus: { Status: "initializing", Details: [{ Name: "reachability", Status: "initializing" }] },
    });
    advance(1000);
    const settled = await client.send(new DescribeInstanceStatusCommand({ InstanceIds: [id] }));
    expect(settled.InstanceStatuses?.[0]).toMatchObject({
      SystemStatus: { Status: "ok" },
      InstanceStatus: { Status: "ok", Details: [{ Name: "reachability", Status: "passed" }] },
    });
  });

  it("turn impaired when the user data asks them to fail", async () => {
    const [bad = ""] = await launch(1, "#!/bin/sh\n# hangar-sandbox: status-checks=fail\n");
    const [good = ""] = await launch(1);
    advance(1100);
    const out = await client.send(new DescribeInstanceStatusCommand({ InstanceIds: [bad, good] }));
    const byId = new Map(out.InstanceStatuses?.map((s) => [s.InstanceId, s]));
    expect(byId.get(bad)).toMatchObject({
      SystemStatus: { Status: "ok" },
      InstanceStatus: { Status: "impaired", Details: [{ Name: "reachability", Status: "failed" }] },
    });
    expect(byId.get(bad)?.InstanceStatus?.Details?.[0]?.ImpairedSince).toBeInstanceOf(Date);
    expect(byId.get(good)?.InstanceStatus?.Status).toBe("ok");
    const impaired = await client.send(
      new DescribeInstanceStatusCommand({ Filters: [{ Name: "instance-status.status", Values: ["impaired"] }] }),
    );
    expect(impaired.InstanceStatuses?.map((s) => s.InstanceId)).toContain(bad);
    expect(impaired.InstanceStatuses?.map((s) => s.InstanceId)).not.toContain(good);
    const systemOk = await client.send(
      new DescribeInstanceStatusCommand({ Filters: [{ Name: "system-status.status", Values: ["ok"] }] }),
    );
    expect(systemOk.InstanceStatuses?.map((s) => s.InstanceId)).toEqual(expect.arrayContaining([bad, good]));
  });

  it("lists every state with IncludeAllInstances, filtered by state, a page at a time", async () => {
    const ids = await launch(7);
    advance(1100);
    await client.send(new StopInstancesCommand({ InstanceIds: ids.slice(0, 2) }));
    const stopping = await client.send(
      new DescribeInstanceStatusCommand({
        IncludeAllInstances: true,
        Filters: [{ Name: "instance-state-name", Values: ["stopping"] }],
      }),
    );
    expect(stopping.InstanceStatuses?.map((s) => s.InstanceId)).toEqual(ids.slice(0, 2));
    expect(stopping.InstanceStatuses?.[0]?.InstanceStatus?.Status).toBe("not-applicable");

    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await client.send(new DescribeInstanceStatusCommand({ MaxResults: 5, NextToken: token }));
      seen.push(...(page.InstanceStatuses ?? []).map((s) => s.InstanceId ?? ""));
      token = page.NextToken;
      pages++;
    } while (token !== undefined);
    expect(pages).toBeGreaterThan(1);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining(ids.slice(2)));
    expect(seen).not.toContain(ids[0]);
    await expectEc2Error(
      client.send(new DescribeInstanceStatusCommand({ MaxResults: 5, NextToken: "bogus" })),
      "InvalidPaginationToken",
      400,
    );
  });
});

describe("simulated HTTP", () => {
  it("answers 200 from a running instance, on any port and path", async () => {
    const [id = ""] = await launch(1);
    advance(100);
    const response = await fetch(url(id, "/healthz?deep=1", 80));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ instanceId: id, port: 80, path: "/healthz?deep=1", status: 200 });
    expect((await fetch(url(id, "", 3000))).status).toBe(200);
  });

  it("answers what the user data asks for, after the delay it asks for", async () => {
    const [failing = ""] = await launch(1, "# hangar-sandbox: http=500\n");
    const [slow = ""] = await launch(1, "# hangar-sandbox: http-delay=300ms\n");
    advance(100);
    expect((await fetch(url(failing))).status).toBe(500);
    const startedAt = performance.now();
    expect((await fetch(url(slow))).status).toBe(200);
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(280);
    // A checker with a shorter timeout gives up, as it would against a slow host.
    await expect(fetch(url(slow), { signal: AbortSignal.timeout(50) })).rejects.toThrow();
  });

  it("drops the connection unless the instance is running, and 404s an unknown instance", async () => {
    const [id = ""] = await launch(1);
    await expect(fetch(url(id))).rejects.toThrow(); // pending
    advance(100);
    expect((await fetch(url(id))).status).toBe(200);
    await client.send(new TerminateInstancesCommand({ InstanceIds: [id] }));
    await expect(fetch(url(id))).rejects.toThrow();
    const unknown = await fetch(url("i-0123456789abcdef0"));
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: "unknown_instance" });
    expect((await fetch(url(id, "/", 70000))).status).toBe(400);
    // The admin listing still answers on its own path.
    expect((await admin(sandbox, "instances")).status).toBe(200);
  });

  it("changes a live instance's behaviour through the admin API", async () => {
    const [id = ""] = await launch(1);
    advance(1100);
    expect((await fetch(url(id))).status).toBe(200);
    const changed = await admin<{ behaviour: unknown }>(sandbox, `instances/${id}/behaviour`, {
      method: "PUT",
      body: { statusChecks: "fail", http: 503 },
    });
    expect(changed).toEqual({ status: 200, body: { instanceId: id, behaviour: { statusChecks: "fail", httpStatus: 503, httpDelayMs: 0 } } });
    expect((await fetch(url(id))).status).toBe(503);
    const out = await client.send(new DescribeInstanceStatusCommand({ InstanceIds: [id] }));
    expect(out.InstanceStatuses?.[0]?.InstanceStatus?.Status).toBe("impaired");

    const bad = await admin<{ issues: { path: string }[] }>(sandbox, `instances/${id}/behaviour`, {
      method: "PUT",
      body: { http: 700, colour: "red" },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((i) => i.path).sort()).toEqual(["", "http"]);
    const unknown = await admin(sandbox, "instances/i-0123456789abcdef0/behaviour", { method: "PUT", body: {} });
    expect(unknown.status).toBe(404);
  });
});
