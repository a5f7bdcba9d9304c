// For the CLI's unit tests: an Io that records what was printed and runs on a fake clock (a
// --timeout of 20 minutes passes instantly), and a real HTTP server on a free port whose routes
// a test writes, recording every request (method, path, headers, body) it received.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Env, Io } from "./io";

export type TestIo = Io & { stdout: () => string; stderr: () => string; clock: { now: number } };

export function testIo(options: { env?: Env; stdin?: string; isTty?: boolean; answers?: string[] } = {}): TestIo {
  let stdout = "";
  let stderr = "";
  const clock = { now: Date.parse("2026-12-01T12:00:00Z") };
  const answers = [...(options.answers ?? [])];
  return {
    out: (text) => void (stdout += text),
    err: (text) => void (stderr += text),
    env: options.env ?? {},
    isTty: options.isTty ?? false,
    readStdin: async () => options.stdin ?? "",
    prompt: async (question) => {
      stderr += question;
      return answers.shift() ?? "";
    },
    sleep: async (ms) => {
      clock.now += ms;
      await new Promise((resolve) => setImmediate(resolve));
    },
    now: () => clock.now,
    stdout: () => stdout,
    stderr: () => stderr,
    clock,
  };
}

export type Recorded = { method: string; path: string; query: URLSearchParams; headers: IncomingMessage["headers"]; body: unknown };
type Handler = (request: Recorded, response: ServerResponse) => void | Promise<void>;

export type FakeServer = { url: string; requests: Recorded[]; route: (method: string, path: string | RegExp, handler: Handler) => void; close: () => Promise<void> };

export async function fakeServer(): Promise<FakeServer> {
  const routes: { method: string; path: string | RegExp; handler: Handler }[] = [];
  const requests: Recorded[] = [];
  const server = createServer((req, res) => void handle(req, res));
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    const url = new URL(req.url ?? "/", "http://localhost");
    const recorded: Recorded = { method: req.method ?? "GET", path: url.pathname, query: url.searchParams, headers: req.headers, body: text ? (JSON.parse(text) as unknown) : undefined };
    requests.push(recorded);
    const route = routes.find((r) => r.method === recorded.method && (typeof r.path === "string" ? r.path === recorded.path : r.path.test(recorded.path)));
    if (!route) return sendJson(res, 404, { error: { code: "not_found", message: `no route ${recorded.method} ${recorded.path}` } });
    await route.handler(recorded, res);
  };
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    route: (method, path, handler) => void routes.unshift({ method, path, handler }),
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

export const ME = { userId: "u1", email: "dev@hangar.local", name: "Dev", isAdmin: false, sessionVersion: 3, memberships: [{ teamId: "t1", teamSlug: "demo", teamName: "Demo", role: "developer" }] };

/** An environment detail as GET /api/v1/environments/:id answers it. */
export function environment(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: "0f0e0d0c-0000-4000-8000-000000000001",
    name: "pr-42",
    state: "ready",
    team: { id: "t1", slug: "demo", name: "Demo" },
    owner: { id: "u1", name: "Dev", email: "dev@hangar.local" },
    template: { id: "tp", slug: "web-dev", name: "Web app dev box", version: 3 },
    region: "us-east-1",
    cloudAccount: { id: "c", name: "sandbox", provider: "sandbox" },
    parameters: { branch: "main" },
    outputs: { url: "http://10.0.0.5:8080", ssh: "ssh ec2-user@10.0.0.5" },
    failedStep: null,
    failureReason: null,
    expiresAt: "2026-12-01T20:00:00.000Z",
    readyAt: "2026-12-01T12:00:30.000Z",
    destroyedAt: null,
    createdAt: "2026-12-01T12:00:00.000Z",
    canWrite: true,
    instances: [{ id: "i", cloudId: "i-0abc", group: "web", instanceType: "t3.micro", state: "running", availabilityZone: "us-east-1a", privateIp: "10.0.0.5", publicIp: null }],
    runs: [{ id: "r1", kind: "provision", state: "succeeded", error: null, failedStep: null, steps: [{ name: "launch_instances", state: "succeeded", error: null }] }],
    ...overrides,
  };
}
