// /healthz (liveness: the consumer is running) and /metrics (Prometheus) for a worker process.
// It listens on WORKER_HEALTH_HOST, loopback by default: the metrics name cloud accounts and
// queues, and nothing here asks who is calling.
import http from "node:http";
import type { Registry } from "prom-client";

export function startHealthServer(options: { port: number; host: string; healthy: () => boolean; registry: Registry }): Promise<http.Server> {
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
    server.listen(options.port, options.host, () => resolve(server));
  });
}
