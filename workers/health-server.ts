// /healthz (liveness: the consumer is running) and /metrics (Prometheus) for a worker process.
import http from "node:http";
import type { Registry } from "prom-client";

export function startHealthServer(options: { port: number; healthy: () => boolean; registry: Registry }): Promise<http.Server> {
  const server = http.createServer((request, response) => {
    if (request.url === "/healthz") {
      const ok = options.healthy();
      response.writeHead(ok ? 200 : 503, { "content-type": "application/json" }).end(JSON.stringify({ ok }));
      return;
    }
    if (request.url === "/metrics") {
      options.registry
        .metrics()
        .then((body) => response.writeHead(200, { "content-type": options.registry.contentType }).end(body))
        .catch(() => response.writeHead(500).end());
      return;
    }
    response.writeHead(404).end();
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, "0.0.0.0", () => resolve(server));
  });
}
