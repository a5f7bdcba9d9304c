// env commands against a real local HTTP server playing the API: what is sent, what is printed,
// and the exit codes CI relies on (0 ready/destroyed, 1 failed with the step, 124 timeout).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "./run";
import { environment, fakeServer, sendJson, testIo, type FakeServer } from "./test-support";

const ID = "0f0e0d0c-0000-4000-8000-000000000001";
let server: FakeServer;
beforeEach(async () => {
  server = await fakeServer();
});
afterEach(async () => {
  await server.close();
});
const io = (extra: Parameters<typeof testIo>[0] = {}) => testIo({ env: { HANGAR_URL: server.url, HANGAR_TOKEN: "hgr_ci" }, ...extra });

/** GET /environments/:id answers these details in turn (the last one from then on). */
function states(...details: Record<string, unknown>[]) {
  let calls = 0;
  server.route("GET", `/api/v1/environments/${ID}`, (_, res) => sendJson(res, 200, details[Math.min(calls++, details.length - 1)]));
}
const provisioning = environment({ state: "provisioning", outputs: {}, runs: [{ id: "r1", kind: "provision", state: "running", error: null, failedStep: null, steps: [{ name: "launch_instances", state: "running", error: null }] }] });

describe("env list", () => {
  it("follows keyset cursors with --all, and prints a table", async () => {
    const row = (name: string) => ({ ...environment({ name, id: `id-${name}` }), instanceCount: 1 });
    server.route("GET", "/api/v1/environments", (req, res) =>
      sendJson(res, 200, req.query.get("cursor") === "c2" ? { items: [row("b")], total: 2, limit: 20, nextCursor: null, prevCursor: "p" } : { items: [row("a")], total: 2, limit: 20, nextCursor: "c2", prevCursor: null }),
    );
    const all = io();
    expect(await runCli(["env", "list", "--all", "--state", "active", "--team", "demo"], all)).toBe(0);
    expect(server.requests.map((r) => r.query.toString())).toEqual(["state=active&team=demo", "state=active&team=demo&cursor=c2"]);
    expect(server.requests[0]!.headers.authorization).toBe("Bearer hgr_ci");
    expect(all.stdout().split("\n")[0]).toMatch(/^NAME +STATE +TEMPLATE +TEAM +OWNER +EXPIRES +ID$/);
    expect(all.stdout()).toMatch(/\na +ready +web-dev@3 +demo +dev@hangar\.local +in 8h +id-a\nb /);

    const first = io();
    expect(await runCli(["env", "list", "--json"], first)).toBe(0);
    expect(JSON.parse(first.stdout())).toMatchObject({ items: [{ name: "a" }], more: true });
  });

  it("follows numbered pages from a server that answers those", async () => {
    server.route("GET", "/api/v1/environments", (req, res) => {
      const page = Number(req.query.get("page") ?? 1);
      sendJson(res, 200, { items: [environment({ name: `e${page}` })], total: 3, page, pageSize: 1, pageCount: 3 });
    });
    const out = io();
    expect(await runCli(["env", "list", "--all", "--json"], out)).toBe(0);
    expect((JSON.parse(out.stdout()) as { items: { name: string }[] }).items.map((e) => e.name)).toEqual(["e1", "e2", "e3"]);
  });
});

describe("env create", () => {
  beforeEach(() => {
    server.route("GET", "/api/v1/templates/web-dev", (_, res) =>
      sendJson(res, 200, { slug: "web-dev", version: { version: 3, spec: { lease: { default: 28800, max: 259200 }, parameters: { properties: { branch: { type: "string" }, replicas: { type: "integer" }, public: { type: "boolean" }, zones: { type: "array" } } } } } }),
    );
  });

  it("sends parameters typed by the template's schema, and prints the id", async () => {
    server.route("POST", "/api/v1/environments", (_, res) => sendJson(res, 201, { id: ID, runId: "r1" }));
    const out = io();
    expect(await runCli(["env", "create", "web-dev", "--name", "pr-42", "-p", "branch=feature/x=y", "-p", "replicas=3", "--param", "public=true", "--param", "zones=a, b", "--ttl", "4h"], out)).toBe(0);
    expect(server.requests.at(-1)!.body).toEqual({ name: "pr-42", template: "web-dev", parameters: { branch: "feature/x=y", replicas: 3, public: true, zones: ["a", "b"] }, ttl: 14_400 });
    expect(out.stdout()).toBe(`Requested pr-42 (${ID}). Follow it: hangar env logs pr-42 --follow\n`);
  });

  it("a refusal exits 1 with the field paths (as JSON on stderr with --json)", async () => {
    const refusal = { error: { code: "invalid", message: "Invalid parameters: parameters.size must be one of t3.micro, t3.small", issues: [{ path: "parameters.size", message: "must be one of t3.micro, t3.small" }, { path: "name", message: "already used by a live environment" }] } };
    server.route("POST", "/api/v1/environments", (_, res) => sendJson(res, 400, refusal));
    const text = io();
    expect(await runCli(["env", "create", "web-dev", "--name", "pr-42"], text)).toBe(1);
    expect(text.stderr()).toBe("error: Invalid parameters: parameters.size must be one of t3.micro, t3.small\n  parameters.size: must be one of t3.micro, t3.small\n  name: already used by a live environment\n");
    const machine = io();
    expect(await runCli(["env", "create", "web-dev", "--name", "pr-42", "--json"], machine)).toBe(1);
    expect(machine.stdout()).toBe("");
    expect(JSON.parse(machine.stderr())).toEqual({ error: { code: "invalid", message: refusal.error.message, issues: refusal.error.issues, exitCode: 1 } });
  });

  it("--wait exits 0 when ready and prints its outputs; progress goes to stderr", async () => {
    server.route("POST", "/api/v1/environments", (_, res) => sendJson(res, 201, { id: ID, runId: "r1" }));
    states(environment({ state: "requested", outputs: {}, runs: [{ id: "r1", kind: "provision", state: "queued", error: null, failedStep: null, steps: [] }] }), provisioning, environment());
    const out = io();
    expect(await runCli(["env", "create", "web-dev", "--name", "pr-42", "--wait"], out)).toBe(0);
    expect(out.stderr()).toBe(`Requested pr-42 (${ID}); waiting until it is ready...\npr-42: requested (provision queued)\npr-42: provisioning (provision: launch_instances)\npr-42: ready\n`);
    expect(out.stdout()).toMatch(/^pr-42 {2}ready\n/);
    expect(out.stdout()).toMatch(/\nOutputs:\n {2}url {2}http:\/\/10\.0\.0\.5:8080\n/);
  });

  it("--wait exits 1 naming the failed step and its error", async () => {
    server.route("POST", "/api/v1/environments", (_, res) => sendJson(res, 201, { id: ID, runId: "r1" }));
    const failedRun = { id: "r1", kind: "provision", state: "failed", error: "InsufficientInstanceCapacity in every zone", failedStep: "launch_instances", steps: [{ name: "launch_instances", state: "failed", error: "InsufficientInstanceCapacity in every zone" }] };
    states(provisioning, environment({ state: "failed", failedStep: "launch_instances", failureReason: "InsufficientInstanceCapacity in every zone", runs: [failedRun] }));
    const out = io();
    expect(await runCli(["env", "create", "web-dev", "--name", "pr-42", "--wait", "--json"], out)).toBe(1);
    expect(JSON.parse(out.stderr().split("\n").at(-2)!)).toMatchObject({ error: { code: "failed", message: "Environment pr-42 failed at step launch_instances: InsufficientInstanceCapacity in every zone", exitCode: 1 } });
  });

  it("--wait exits 124 when --timeout runs out", async () => {
    server.route("POST", "/api/v1/environments", (_, res) => sendJson(res, 201, { id: ID, runId: "r1" }));
    states(provisioning);
    const out = io();
    expect(await runCli(["env", "create", "web-dev", "--name", "pr-42", "--wait", "--timeout", "90s"], out)).toBe(124);
    expect(out.stderr()).toMatch(/error: Timed out after 1m30s waiting for pr-42 to be ready \(it is provisioning\)\n$/);
    // Polled about once a second on the (fake) clock, not in a tight loop.
    const polls = server.requests.filter((r) => r.method === "GET").length;
    expect(polls).toBeGreaterThanOrEqual(80);
    expect(polls).toBeLessThanOrEqual(95);
  });

  it("--quiet prints only the id, and env wait then waits for it (as the CI example does)", async () => {
    server.route("POST", "/api/v1/environments", (_, res) => sendJson(res, 201, { id: ID, runId: "r1" }));
    const quiet = io();
    expect(await runCli(["env", "create", "web-dev", "--name", "pr-42", "--quiet"], quiet)).toBe(0);
    expect(quiet.stdout()).toBe(`${ID}\n`);
    states(provisioning, environment());
    const waited = io();
    expect(await runCli(["env", "wait", ID, "--timeout", "5m"], waited)).toBe(0);
    expect(waited.stdout()).toBe("pr-42 is ready\n");
    states(environment({ state: "destroying", runs: [{ id: "r2", kind: "destroy", state: "running", error: null, failedStep: null, steps: [] }] }));
    const never = io();
    expect(await runCli(["env", "wait", ID], never)).toBe(1);
    expect(never.stderr()).toMatch(/error: Environment pr-42 is destroying: it will not become ready/);
    expect(await runCli(["env", "wait", ID, "--for", "gone"], io())).toBe(2);
  });

  it("--wait rides out a server restart (5xx) until the deadline", async () => {
    server.route("POST", "/api/v1/environments", (_, res) => sendJson(res, 201, { id: ID, runId: "r1" }));
    let calls = 0;
    server.route("GET", `/api/v1/environments/${ID}`, (_, res) => (++calls < 3 ? sendJson(res, 503, { error: { code: "unavailable", message: "restarting" } }) : sendJson(res, 200, environment())));
    const out = io();
    expect(await runCli(["env", "create", "web-dev", "--name", "pr-42", "--wait"], out)).toBe(0);
    expect(out.stderr()).toMatch(/warning: restarting; trying again until the timeout\n/);
  });
});

describe("env show, outputs, extend, destroy", () => {
  it("finds an environment by name among the live ones; the same name in two teams is ambiguous", async () => {
    server.route("GET", "/api/v1/environments", (req, res) =>
      sendJson(res, 200, { items: req.query.get("team") === "demo" || !req.query.get("search")?.startsWith("twin") ? [environment({ name: req.query.get("search") })] : [environment({ name: "twin" }), environment({ name: "twin", id: "other", team: { slug: "web" } })], nextCursor: null }),
    );
    states(environment());
    const show = io();
    expect(await runCli(["env", "show", "pr-42"], show)).toBe(0);
    expect(server.requests[0]!.query.get("state")).toBe("active");
    expect(show.stdout()).toMatch(/^pr-42 {2}ready\n {2}id: {8}0f0e0d0c-/);
    const twin = io();
    expect(await runCli(["env", "show", "twin"], twin)).toBe(1);
    expect(twin.stderr()).toMatch(/2 environments are named twin \(teams demo, web\): give the id or --team/);
  });

  it("outputs: KEY=value lines, exports, or JSON", async () => {
    states(environment());
    const lines = io();
    expect(await runCli(["env", "outputs", ID], lines)).toBe(0);
    expect(lines.stdout()).toBe("SSH=ssh ec2-user@10.0.0.5\nURL=http://10.0.0.5:8080\n");
    const exported = io();
    expect(await runCli(["env", "outputs", ID, "--export", "--prefix", "APP_"], exported)).toBe(0);
    expect(exported.stdout()).toBe("export APP_SSH='ssh ec2-user@10.0.0.5'\nexport APP_URL=http://10.0.0.5:8080\n");
    const machine = io();
    expect(await runCli(["env", "outputs", ID, "--json"], machine)).toBe(0);
    expect(JSON.parse(machine.stdout())).toEqual({ url: "http://10.0.0.5:8080", ssh: "ssh ec2-user@10.0.0.5" });
  });

  it("extend sends by (seconds) or until, and prints the new expiry", async () => {
    server.route("POST", `/api/v1/environments/${ID}/extend`, (req, res) => sendJson(res, 200, { id: ID, name: "pr-42", previousExpiresAt: "2026-12-01T20:00:00.000Z", expiresAt: "2026-12-01T22:00:00.000Z", leaseMaxSeconds: 259200, sent: req.body }));
    const by = io();
    expect(await runCli(["env", "extend", ID, "--by", "2h"], by)).toBe(0);
    expect(server.requests.at(-1)!.body).toEqual({ by: 7200 });
    expect(by.stdout()).toBe("Extended pr-42 until 2026-12-01T22:00:00.000Z (in 10h; was 2026-12-01T20:00:00.000Z)\n");
    expect(await runCli(["env", "extend", ID, "--until", "2026-12-01T23:00:00+01:00", "--json"], io())).toBe(0);
    expect(server.requests.at(-1)!.body).toEqual({ until: "2026-12-01T22:00:00.000Z" });
  });

  it("destroy --yes --wait exits 0 once destroyed; a terminal answer other than y destroys nothing", async () => {
    server.route("POST", `/api/v1/environments/${ID}/destroy`, (_, res) => sendJson(res, 202, { id: ID, runId: "r2" }));
    const destroying = environment({ state: "destroying", runs: [{ id: "r2", kind: "destroy", state: "running", error: null, failedStep: null, steps: [{ name: "terminate_instances", state: "running", error: null }] }] });
    states(environment(), destroying, environment({ state: "destroyed", runs: [] }));
    const out = io();
    expect(await runCli(["env", "destroy", ID, "--yes", "--wait"], out)).toBe(0);
    expect(out.stdout()).toBe("pr-42 destroyed\n");

    const asked = io({ isTty: true, answers: ["n"] });
    expect(await runCli(["env", "destroy", ID], asked)).toBe(0);
    expect(asked.stderr()).toMatch(/Destroy pr-42 \(0f0e0d0c-[^,]+, destroyed\)\? \[y\/N\] Not destroyed\.\n$/);
    expect(server.requests.filter((r) => r.method === "POST")).toHaveLength(1);
  });
});
