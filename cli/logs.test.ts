// env logs --follow over a real SSE connection that drops: the CLI reconnects with
// Last-Event-ID, prints every line once, and exits when the environment settles.
import { execFileSync } from "node:child_process";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildProgram } from "./program";
import { completionScript } from "./commands/completion";
import { createContext } from "./context";
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
const io = () => testIo({ env: { HANGAR_URL: server.url, HANGAR_TOKEN: "hgr_ci" } });
const line = (id: number, message: string, level = "info") => ({ id: String(id), runId: "r1", step: "launch_instances", level, message, at: `2026-12-01T12:00:0${id}.000Z` });
const sse = (event: string, data: unknown, id?: string) => `${id ? `id: ${id}\n` : ""}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
const busy = environment({ state: "provisioning", runs: [{ id: "r1", kind: "provision", state: "running", error: null, failedStep: null, steps: [] }] });

describe("env logs --follow", () => {
  it("resumes after a dropped connection from the last line, and stops when the environment settles", async () => {
    const lastEventIds: (string | undefined)[] = [];
    server.route("GET", `/api/v1/environments/${ID}/events`, (req, res) => {
      lastEventIds.push(req.headers["last-event-id"] as string | undefined);
      res.writeHead(200, { "content-type": "text/event-stream" });
      if (lastEventIds.length === 1) {
        res.write(`retry: 50\n\n${sse("snapshot", busy)}${sse("logs", [line(1, "Launching 1 × t3.micro"), line(2, "Capacity short", "warn")], "2")}`);
        setTimeout(() => res.socket?.destroy(), 20); // the proxy drops the connection
      } else {
        res.end(`${sse("logs", [line(3, "Instance i-0abc running")], "3")}${sse("snapshot", environment())}`);
      }
    });
    server.route("GET", `/api/v1/environments/${ID}/logs`, (req, res) => sendJson(res, 200, { items: req.query.get("after") === "3" ? [line(4, "Outputs written")] : [] }));
    const out = io();
    expect(await runCli(["env", "logs", ID, "--follow"], out)).toBe(0);
    expect(lastEventIds).toEqual([undefined, "2"]);
    expect(out.stdout()).toBe("12:00:01 launch_instances  Launching 1 × t3.micro\n12:00:02 launch_instances  WARN Capacity short\n12:00:03 launch_instances  Instance i-0abc running\n12:00:04 launch_instances  Outputs written\n");
    expect(out.stderr()).toMatch(/connection to the event stream lost; reconnecting in 0\.1 s from log line 2\n[\s\S]*pr-42 is ready\n$/);
  });

  it("exits 1 with the failed step when the environment settles failed; --json prints one line per log line", async () => {
    const failed = environment({ state: "failed", failedStep: "wait_for_running", failureReason: "instance i-0abc terminated", runs: [] });
    server.route("GET", `/api/v1/environments/${ID}/events`, (_, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.end(`${sse("logs", [line(1, "boom", "error")], "1")}${sse("snapshot", failed)}`);
    });
    server.route("GET", `/api/v1/environments/${ID}/logs`, (_, res) => sendJson(res, 200, { items: [] }));
    const out = io();
    expect(await runCli(["env", "logs", ID, "-f", "--json"], out)).toBe(1);
    expect(JSON.parse(out.stdout())).toEqual(line(1, "boom", "error"));
    expect(JSON.parse(out.stderr())).toMatchObject({ error: { message: "Environment pr-42 failed at step wait_for_running: instance i-0abc terminated" } });
  });

  it("without --follow pages through /logs", async () => {
    server.route("GET", `/api/v1/environments/${ID}/logs`, (req, res) => sendJson(res, 200, { items: req.query.get("after") ? [] : [line(1, "one"), line(2, "two")] }));
    const out = io();
    expect(await runCli(["env", "logs", ID], out)).toBe(0);
    expect(out.stdout()).toBe("12:00:01 launch_instances  one\n12:00:02 launch_instances  two\n");
    expect(server.requests.map((r) => r.query.get("limit"))).toEqual(["2000"]);
  });
});

describe("completion", () => {
  const program = buildProgram(createContext(testIo()));
  /** What bash offers after `words` (the last one being completed). */
  const complete = (script: string, words: string[]) =>
    execFileSync("bash", ["-c", `${script}\nCOMP_WORDS=(${words.map((w) => `'${w}'`).join(" ")}); COMP_CWORD=${words.length - 1}; _hangar; echo "\${COMPREPLY[*]}"`], { encoding: "utf8" }).trim();

  it("bash completes commands, subcommands and options from the command tree", () => {
    const script = completionScript(program, "bash");
    expect(complete(script, ["hangar", ""]).split(" ")).toEqual(expect.arrayContaining(["login", "env", "templates", "completion"]));
    expect(complete(script, ["hangar", "env", "cr"])).toBe("create");
    expect(complete(script, ["hangar", "env", "create", "web-dev", "--ti"])).toBe("--timeout");
    expect(complete(script, ["hangar", "env", "destroy", "pr-42", "--y"])).toBe("--yes");
  });

  it("zsh loads the bash function; fish lists each command's options", () => {
    expect(completionScript(program, "zsh")).toMatch(/^#compdef hangar\n[\s\S]*bashcompinit[\s\S]*complete -F _hangar hangar/);
    const fish = completionScript(program, "fish");
    expect(fish).toContain("complete -c hangar -n '__fish_use_subcommand' -a env -d 'list, create, show, extend and destroy environments'");
    expect(fish).toContain("complete -c hangar -n '__fish_seen_subcommand_from env; and __fish_seen_subcommand_from create' -l wait -d 'wait until it is ready (or has failed)'");
  });
});
