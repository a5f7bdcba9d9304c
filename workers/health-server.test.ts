import type { AddressInfo } from "node:net";
import { Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../lib/config";
import { startHealthServer } from "./health-server";

describe("worker health listener", () => {
  it("binds loopback unless WORKER_HEALTH_HOST says otherwise", async () => {
    const config = parseConfig({ WORKER_HEALTH_PORT: "9464" });
    expect(config.WORKER_HEALTH_HOST).toBe("127.0.0.1");
    const server = await startHealthServer({ port: 0, host: config.WORKER_HEALTH_HOST, healthy: () => true, registry: new Registry() });
    try {
      const { address, port } = server.address() as AddressInfo;
      expect(address).toBe("127.0.0.1");
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(await response.json()).toEqual({ ok: true });
    } finally {
      server.close();
    }
  });

  it("answers 503 when the consumer stopped", async () => {
    const server = await startHealthServer({ port: 0, host: "127.0.0.1", healthy: () => false, registry: new Registry() });
    try {
      const { port } = server.address() as AddressInfo;
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(503);
    } finally {
      server.close();
    }
  });
});
