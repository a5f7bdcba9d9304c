import { createServer, request, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { dropClientForwardedFor, installForwardedForGuard } from "./forwarded-for-guard";

const servers: ReturnType<typeof createServer>[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

/** Starts a server that answers with the headers its handler saw, and sends it one request. */
async function headersSeen(sent: Record<string, string>): Promise<IncomingHttpHeaders> {
  const server = createServer((req, res) => res.end(JSON.stringify(req.headers)));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, headers: sent }, (res) => {
      let text = "";
      res.on("data", (chunk: Buffer) => (text += chunk.toString()));
      res.on("end", () => resolve(JSON.parse(text) as IncomingHttpHeaders));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("forwarded-for guard", () => {
  it("drops the forwarding headers a client wrote", () => {
    const headers: IncomingHttpHeaders = { "x-forwarded-for": "6.6.6.6", "x-real-ip": "6.6.6.6", forwarded: "for=6.6.6.6", host: "h" };
    dropClientForwardedFor({ headers } as never);
    expect(headers).toEqual({ host: "h" });
  });

  it("with trusted proxies, leaves every server alone", async () => {
    installForwardedForGuard(2);
    expect((await headersSeen({ "x-forwarded-for": "203.0.113.7, 10.0.0.2" }))["x-forwarded-for"]).toBe("203.0.113.7, 10.0.0.2");
  });

  it("with none, every server of the process sees requests without them, before its handler runs", async () => {
    installForwardedForGuard(0);
    installForwardedForGuard(0); // idempotent: a second install must not wrap twice
    const seen = await headersSeen({ "x-forwarded-for": "6.6.6.6", "x-real-ip": "6.6.6.6", "user-agent": "t" });
    expect(seen["x-forwarded-for"]).toBeUndefined();
    expect(seen["x-real-ip"]).toBeUndefined();
    expect(seen["user-agent"]).toBe("t");
  });
});
