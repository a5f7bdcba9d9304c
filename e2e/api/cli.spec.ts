// The built `hangar` binary against the system the e2e suite launched: log in with an API token,
// list templates, request an environment and wait for it, read its outputs and logs, extend it,
// destroy it and wait; a refusal's exit code and field paths; and docs/ci-example.sh
// (provision → test → destroy), whose environment is destroyed even when the tests fail.
import { execFile, spawn } from "node:child_process";
import { mkdtemp, rm, stat, symlink, mkdir } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { baseUrl, signedInContext, uniqueName } from "../support/api";
import { createUser } from "../support/users";
import { freePort } from "../../scripts/services/free-port";

const root = path.resolve(import.meta.dirname, "../..");
const binary = path.join(root, "dist/cli/hangar.mjs");
type Result = { code: number; stdout: string; stderr: string };

let home: string;
let binDir: string;
let token: string;
let developer: APIRequestContext;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  // The spec builds the binary it tests, as a clean clone's `npm test` would have none.
  await promisify(execFile)(process.execPath, ["cli/build.mjs"], { cwd: root });
  home = await mkdtemp(path.join(os.tmpdir(), "hangar-cli-e2e-"));
  binDir = path.join(home, "bin");
  await mkdir(binDir);
  await symlink(binary, path.join(binDir, "hangar"));
  const user = await createUser({ role: "developer", teamSlug: "demo", label: "cli" });
  developer = await signedInContext(user.email, user.password);
  const created = await developer.post("/api/v1/tokens", { data: { name: "cli e2e", scope: "write", expiresInDays: 1 } });
  expect(created.status(), await created.text()).toBe(201);
  token = ((await created.json()) as { token: string }).token;
  expect(token).toMatch(/^hgr_/);
});

test.afterAll(async () => {
  await developer?.dispose();
  if (home) await rm(home, { recursive: true, force: true });
});

/** Runs a command with the CLI on PATH, its config in the test's own folder and nothing from the outside HANGAR_ variables. */
function run(command: string, args: string[], options: { input?: string; env?: Record<string, string> } = {}): Promise<Result> {
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${binDir}:${path.dirname(process.execPath)}:${process.env.PATH ?? ""}`, HOME: home, XDG_CONFIG_HOME: path.join(home, "config") };
  delete env.HANGAR_URL;
  delete env.HANGAR_TOKEN;
  Object.assign(env, options.env);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, env, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(options.input ?? "");
  });
}
const hangar = (args: string[], options?: Parameters<typeof run>[2]) => run("hangar", args, options);
const json = <T>(result: Result): T => {
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as T;
};

type Environment = { id: string; name: string; state: string; expiresAt: string; outputs: Record<string, string> };

test.describe("the hangar CLI", () => {
  const name = uniqueName("cli");
  let id: string;

  test("logs in with a token on stdin, kept 0600; whoami names the user", async () => {
    const login = await hangar(["login", "--url", baseUrl(), "--token-stdin"], { input: `${token}\n` });
    expect(login.code, login.stderr).toBe(0);
    expect(login.stdout).toContain(`Logged in to ${baseUrl()} as cli-`);
    expect((await stat(path.join(home, "config/hangar/config.json"))).mode & 0o777).toBe(0o600);
    const me = json<{ user: { email: string; memberships: { team: string; role: string }[] } }>(await hangar(["whoami", "--json"]));
    expect(me.user.email).toMatch(/^cli-.*@e2e\.hangar\.local$/);
    expect(me.user.memberships).toContainEqual({ team: "demo", role: "developer" });
  });

  test("lists and shows templates", async () => {
    const list = json<{ items: { slug: string }[] }>(await hangar(["templates", "list", "--all", "--json"]));
    expect(list.items.map((t) => t.slug)).toContain("web-dev");
    const show = await hangar(["templates", "show", "web-dev"]);
    expect(show.code, show.stderr).toBe(0);
    expect(show.stdout).toMatch(/Lease: 8h by default, at most 3d/);
    expect(show.stdout).toMatch(/\n {2}size +string +"t3\.micro"/);
  });

  test("creates an environment and waits until it is ready; outputs and logs", async () => {
    test.setTimeout(180_000);
    const created = await hangar(["env", "create", "web-dev", "--name", name, "--param", "size=t3.small", "--param", "branch=main", "--wait", "--timeout", "150s", "--json"]);
    const ready = json<Environment>(created);
    expect(ready).toMatchObject({ name, state: "ready" });
    expect(created.stderr).toMatch(new RegExp(`${name}: ready\\n`));
    id = ready.id;

    const outputs = await hangar(["env", "outputs", name]);
    expect(outputs.code, outputs.stderr).toBe(0);
    expect(outputs.stdout).toBe(`SSH=${ready.outputs.ssh}\nURL=${ready.outputs.url}\n`);
    expect(ready.outputs.url).toMatch(/^http:\/\/\d+\.\d+\.\d+\.\d+:8080$/);

    const logs = await hangar(["env", "logs", name]);
    expect(logs.code, logs.stderr).toBe(0);
    expect(logs.stdout).toMatch(/launch_instances {2}/);
    // Following a settled environment prints what is there and ends at once, exit 0.
    const followed = await hangar(["env", "logs", id, "--follow"]);
    expect(followed.code, followed.stderr).toBe(0);
    expect(followed.stdout).toBe(logs.stdout);
    expect(followed.stderr).toContain(`${name} is ready`);

    const list = json<{ items: { id: string }[] }>(await hangar(["env", "list", "--search", name, "--json"]));
    expect(list.items.map((e) => e.id)).toEqual([id]);
  });

  test("extends the lease, within the template's maximum", async () => {
    const before = json<Environment>(await hangar(["env", "show", name, "--json"]));
    const extended = json<{ expiresAt: string }>(await hangar(["env", "extend", name, "--by", "2h", "--json"]));
    expect(Date.parse(extended.expiresAt) - Date.parse(before.expiresAt)).toBe(2 * 3600_000);
    const refused = await hangar(["env", "extend", name, "--by", "5d"]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^error: by: exceeds this template's maximum lease of 3d from now/);
  });

  test("a refused request exits 1 with the field's path; a usage error exits 2", async () => {
    const taken = await hangar(["env", "create", "web-dev", "--name", uniqueName("cli-bad"), "--param", "size=t9.huge", "--json"]);
    expect(taken.code).toBe(1);
    const error = JSON.parse(taken.stderr) as { error: { code: string; issues: { path: string }[] } };
    expect(error.error.code).toBe("invalid");
    expect(error.error.issues.map((i) => i.path)).toContain("parameters.size");
    const usage = await hangar(["env", "create", "web-dev"]);
    expect(usage.code).toBe(2);
    // A port nothing listens on (fetch refuses well-known ports like 9 before connecting).
    const closed = await freePort();
    const unreachable = await hangar(["env", "list"], { env: { HANGAR_URL: `http://127.0.0.1:${closed}`, HANGAR_TOKEN: token } });
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toContain(`Cannot reach Hangar at http://127.0.0.1:${closed} (connection refused)`);
  });

  test("destroys it and waits until it is destroyed", async () => {
    test.setTimeout(120_000);
    const destroyed = await hangar(["env", "destroy", name, "--yes", "--wait", "--timeout", "100s"]);
    expect(destroyed.code, destroyed.stderr).toBe(0);
    expect(destroyed.stdout).toBe(`${name} destroyed\n`);
    expect(json<Environment>(await hangar(["env", "show", id, "--json"])).state).toBe("destroyed");
  });
});

test.describe("docs/ci-example.sh", () => {
  const ci = (envName: string, testCommand: string) =>
    run("bash", ["docs/ci-example.sh", "sh", "-c", testCommand], { env: { HANGAR_URL: baseUrl(), HANGAR_TOKEN: token, HANGAR_ENV_NAME: envName, HANGAR_PARAMS: "size=t3.micro" } });
  const stateOf = async (envName: string) => {
    const response = await developer.get(`/api/v1/environments?search=${envName}&state=all`);
    expect(response.status()).toBe(200);
    return ((await response.json()) as { items: { name: string; state: string }[] }).items.filter((e) => e.name === envName).map((e) => e.state);
  };

  test("provisions, runs the tests against the outputs, destroys: the tests' exit code", async () => {
    test.setTimeout(240_000);
    const envName = uniqueName("ci-ok");
    const passed = await ci(envName, 'case "$URL" in http://*:8080) echo "testing $URL";; *) exit 9;; esac');
    expect(passed.code, passed.stderr).toBe(0);
    expect(passed.stdout).toMatch(/^testing http:\/\/[\d.]+:8080\n$/);
    expect(passed.stderr).toContain(`--- destroying ${envName}`);
    expect(await stateOf(envName)).toEqual(["destroyed"]);
  });

  test("when the tests fail, the environment is destroyed all the same and the script fails", async () => {
    test.setTimeout(240_000);
    const envName = uniqueName("ci-fail");
    const failed = await ci(envName, 'echo "tests failed against $URL" >&2; exit 3');
    expect(failed.code).toBe(3);
    expect(failed.stderr).toMatch(/tests failed against http:\/\/[\d.]+:8080/);
    expect(await stateOf(envName)).toEqual(["destroyed"]);
  });
});
