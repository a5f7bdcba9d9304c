// The command line as a script sees it: exit codes, usage errors, help, login and whoami, run
// in-process against a real local HTTP server.
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Command } from "commander";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { configPath } from "./config";
import { runCli } from "./run";
import { fakeServer, ME, sendJson, testIo, type FakeServer } from "./test-support";

let server: FakeServer;
let home: string;
beforeEach(async () => {
  server = await fakeServer();
  home = await mkdtemp(path.join(os.tmpdir(), "hangar-cli-"));
});
afterEach(async () => {
  await server.close();
  await rm(home, { recursive: true, force: true });
});

const ci = () => ({ HANGAR_URL: server.url, HANGAR_TOKEN: "hgr_ci", XDG_CONFIG_HOME: home });

describe("usage errors exit 2 and say what is wrong", () => {
  const cases: [string, string[], RegExp][] = [
    ["an unknown option", ["env", "list", "--colour"], /unknown option '--colour'/],
    ["an unknown command", ["envs"], /unknown command 'envs'/],
    ["a missing argument", ["env", "show"], /missing required argument 'environment'/],
    ["a missing required option", ["env", "create", "web-dev"], /required option '--name <name>' not specified/],
    ["a bad duration", ["env", "create", "web-dev", "--name", "x", "--ttl", "forever"], /--ttl <duration>' argument 'forever' is invalid. must be a duration/],
    ["a parameter without =", ["env", "create", "web-dev", "--name", "x", "--param", "branch"], /'branch' must be key=value/],
    ["an extend without --by or --until", ["env", "extend", "pr-42"], /give either --by <duration> or --until <time>/],
    ["an extend with a bad time", ["env", "extend", "pr-42", "--until", "friday"], /must be an ISO 8601 time/],
    ["an unknown shell", ["completion", "tcsh"], /must be one of bash, zsh, fish/],
    ["a command group without its command", ["env"], /Usage: hangar env/],
  ];
  for (const [what, argv, message] of cases) {
    it(`${what}`, async () => {
      const io = testIo({ env: ci() });
      expect(await runCli(argv, io)).toBe(2);
      expect(io.stderr()).toMatch(message);
      expect(io.stdout()).toBe("");
      expect(server.requests).toEqual([]);
    });
  }

  it("destroying without --yes off a terminal refuses, nothing destroyed", async () => {
    server.route("GET", /^\/api\/v1\/environments\/[^/]+$/, (_, res) => sendJson(res, 200, { id: "0f0e0d0c-0000-4000-8000-000000000001", name: "pr-42", state: "ready", runs: [] }));
    const io = testIo({ env: ci() });
    expect(await runCli(["env", "destroy", "0f0e0d0c-0000-4000-8000-000000000001"], io)).toBe(2);
    expect(io.stderr()).toMatch(/needs --yes when not run from a terminal/);
    expect(server.requests.map((r) => r.method)).toEqual(["GET"]);
  });
});

describe("help reads like git's", () => {
  it("has a usage line, a description, options and examples, on stdout with exit 0", async () => {
    for (const argv of [["env", "create", "--help"], ["env", "help", "create"]]) {
      const io = testIo();
      expect(await runCli(argv, io)).toBe(0);
      const help = io.stdout();
      expect(help).toMatch(/^Usage: hangar env create \[options\] <template>\n\nRequest an environment from a template/);
      expect(help).toMatch(/\n {2}--wait +wait until it is ready/);
      expect(help).toMatch(/--timeout <duration> +give up waiting after this long \(exit 124\) \(default:\s+20m\)/);
      expect(help).toMatch(/\nExamples:\n {2}# a dev box for a pull request, in CI\n {2}\$ hangar env create web-dev/);
    }
  });

  it("every command has a description, --json and examples", async () => {
    const { buildProgram } = await import("./program");
    const { createContext } = await import("./context");
    const leaves = (command: Command): Command[] => (command.commands.length === 0 ? [command] : command.commands.flatMap(leaves));
    const all = leaves(buildProgram(createContext(testIo())));
    expect(all.map((c) => c.name())).toEqual(expect.arrayContaining(["login", "logout", "whoami", "list", "create", "show", "extend", "destroy", "outputs", "logs", "completion"]));
    for (const command of all) {
      expect(command.description().length, command.name()).toBeGreaterThan(20);
      expect(command.options.map((o) => o.long), command.name()).toContain("--json");
    }
  });
});

describe("login, whoami, logout", () => {
  it("checks a token from stdin with /me, then stores it 0600; whoami uses it", async () => {
    server.route("GET", "/api/v1/me", (req, res) => (req.headers.authorization === "Bearer hgr_good" ? sendJson(res, 200, ME) : sendJson(res, 401, { error: { code: "unauthenticated", message: "Sign in first (or send a valid API token)" } })));
    const env = { XDG_CONFIG_HOME: home };
    const login = testIo({ env, stdin: "hgr_good\n" });
    expect(await runCli(["login", "--url", server.url, "--token-stdin"], login)).toBe(0);
    expect(login.stdout()).toBe(`Logged in to ${server.url} as dev@hangar.local. Token stored in ${configPath(env)}\n`);
    expect((await stat(configPath(env))).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(configPath(env), "utf8"))).toEqual({ url: server.url, token: "hgr_good" });

    const whoami = testIo({ env });
    expect(await runCli(["whoami", "--json"], whoami)).toBe(0);
    // Only the documented fields: nothing else /me may carry (sessionVersion) reaches scripts.
    expect(JSON.parse(whoami.stdout())).toEqual({ url: server.url, tokenFrom: "config", user: { email: "dev@hangar.local", name: "Dev", isAdmin: false, memberships: [{ team: "demo", role: "developer" }] } });
    expect(server.requests.at(-1)!.headers["user-agent"]).toMatch(/^hangar-cli\//);

    const logout = testIo({ env });
    expect(await runCli(["logout"], logout)).toBe(0);
    expect(logout.stdout()).toMatch(/^Logged out of http:\/\/127\.0\.0\.1:\d+ \(removed /);
    const after = testIo({ env });
    expect(await runCli(["whoami"], after)).toBe(1);
    expect(after.stderr()).toMatch(/Not logged in: run `hangar login --url <url>`/);
  });

  it("a refused token is not stored, exit 1 with the server's message", async () => {
    server.route("GET", "/api/v1/me", (_, res) => sendJson(res, 401, { error: { code: "unauthenticated", message: "Sign in first (or send a valid API token)" } }));
    const io = testIo({ env: { XDG_CONFIG_HOME: home }, stdin: "hgr_revoked" });
    expect(await runCli(["login", "--url", server.url], io)).toBe(1);
    expect(io.stderr()).toMatch(/error: Sign in first \(or send a valid API token\) \(the token was refused/);
    await expect(stat(configPath({ XDG_CONFIG_HOME: home }))).rejects.toThrow();
  });

  it("on a terminal the token is asked for without echo; an empty answer is a usage error", async () => {
    const io = testIo({ env: { XDG_CONFIG_HOME: home }, isTty: true, answers: [""] });
    expect(await runCli(["login", "--url", server.url], io)).toBe(2);
    expect(io.stderr()).toMatch(/API token for http:\/\/127\.0\.0\.1:\d+: error: no token given/);
  });

  it("a server that is not there is named, with what to check (exit 1)", async () => {
    const url = server.url;
    await server.close();
    const io = testIo({ env: { HANGAR_URL: url, HANGAR_TOKEN: "hgr_x" } });
    expect(await runCli(["env", "list"], io)).toBe(1);
    expect(io.stderr()).toBe(`error: Cannot reach Hangar at ${url} (connection refused). Is the server running, and is the address right? (HANGAR_URL or \`hangar login --url\`)\n`);
    server = await fakeServer();
  });
});
