// The control API refuses what a web page could send: form-encoded or text/plain unsafe
// requests (no CORS preflight) and requests whose Host is not loopback (DNS rebinding).
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hostName, isLoopbackHost } from "../http/admin-guard";
import type { Sandbox } from "../server";
import { start } from "./helpers";

let sandbox: Sandbox;
let named: Sandbox;
beforeAll(async () => {
  sandbox = await start();
  named = await start({ allowedHosts: ["sandbox"] });
});
afterAll(async () => {
  await sandbox.close();
  await named.close();
});

/** fetch() cannot set Host, so requests go through node:http. */
function send(target: Sandbox, options: { method: string; path: string; host?: string; contentType?: string; body?: string }): Promise<{ status: number; body: { error?: string; message?: string } }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { host: options.host ?? `127.0.0.1:${target.port}` };
    if (options.contentType !== undefined) headers["content-type"] = options.contentType;
    const req = request({ host: "127.0.0.1", port: target.port, method: options.method, path: options.path, headers }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as { error?: string; message?: string } }));
    });
    req.on("error", reject);
    req.end(options.body);
  });
}

describe("control API guard", () => {
  it("refuses unsafe methods without a JSON content type, as a page's simple request would send them", async () => {
    for (const contentType of [undefined, "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
      const answer = await send(sandbox, { method: "POST", path: "/_sandbox/reset", contentType, body: "" });
      expect(answer.status).toBe(415);
      expect(answer.body.message).toContain("Content-Type: application/json");
    }
    const put = await send(sandbox, { method: "PUT", path: "/_sandbox/config", contentType: "text/plain", body: JSON.stringify({ limits: "off" }) });
    expect(put.status).toBe(415);
    expect((await send(sandbox, { method: "GET", path: "/_sandbox/config" })).body).not.toMatchObject({ limits: "off" });
    const json = await send(sandbox, { method: "POST", path: "/_sandbox/reset", contentType: "application/json; charset=utf-8" });
    expect(json.status).toBe(200);
  });

  it("refuses a Host that is neither loopback nor allowed, whatever the method", async () => {
    const rebound = await send(sandbox, { method: "GET", path: "/_sandbox/instances", host: "attacker.example:4510" });
    expect(rebound.status).toBe(403);
    expect(rebound.body.message).toContain("--allowed-hosts attacker.example");
    for (const host of ["localhost", `localhost:${sandbox.port}`, "127.0.0.2", "[::1]:4510", "app.localhost"]) {
      expect((await send(sandbox, { method: "GET", path: "/_sandbox/health", host })).status).toBe(200);
    }
    expect((await send(named, { method: "GET", path: "/_sandbox/health", host: "sandbox:4510" })).status).toBe(200);
    expect((await send(named, { method: "GET", path: "/_sandbox/health", host: "sandbox.evil:4510" })).status).toBe(403);
  });

  it("leaves the EC2 endpoint and the instances' HTTP to their own rules", async () => {
    // Not the control API: EC2 calls are signed, and instance HTTP is reached by the endpoint's own name.
    const health = await send(sandbox, { method: "GET", path: "/_sandbox/instances/i-0123456789abcdef0/http/80/health", host: "sandbox:4510" });
    expect(health.status).toBe(404);
  });

  it("reads host names as a browser sends them", () => {
    expect(hostName("LocalHost:3000")).toBe("localhost");
    expect(hostName("[::1]:4510")).toBe("::1");
    expect(hostName("10.0.0.1")).toBe("10.0.0.1");
    expect(isLoopbackHost("127.10.0.1")).toBe(true);
    expect(isLoopbackHost("::ffff:127.0.0.1")).toBe(true);
    expect(isLoopbackHost("localhost.evil.com")).toBe(false);
    expect(isLoopbackHost("128.0.0.1")).toBe(false);
  });
});
