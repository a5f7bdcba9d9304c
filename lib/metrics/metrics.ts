// Prometheus metrics shared by web and workers (each process exposes its own registry).
import { Counter, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { CloudCallObserver } from "../cloud/observer";

export type HangarMetrics = ReturnType<typeof createMetrics>;

export function createMetrics(processName: string) {
  const registry = new Registry();
  registry.setDefaultLabels({ process: processName });
  collectDefaultMetrics({ register: registry });
  const cloudCalls = new Counter({
    name: "hangar_cloud_calls_total",
    help: "Cloud API calls by action and outcome (SDK attempts included)",
    labelNames: ["action", "outcome"],
    registers: [registry],
  });
  const cloudCallSeconds = new Histogram({
    name: "hangar_cloud_call_seconds",
    help: "Cloud API call latency",
    labelNames: ["action"],
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const runsFinished = new Counter({ name: "hangar_runs_finished_total", help: "Runs finished by kind and state", labelNames: ["kind", "state"], registers: [registry] });
  const pollerTicks = new Histogram({
    name: "hangar_poller_tick_seconds",
    help: "Duration of one instance poller pass",
    buckets: [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2],
    registers: [registry],
  });
  const cloudObserver: CloudCallObserver = {
    onCall(event) {
      cloudCalls.inc({ action: event.action, outcome: event.errorCode ?? "ok" }, Math.max(1, event.sdkAttempts));
      cloudCallSeconds.observe({ action: event.action }, event.durationMs / 1000);
    },
  };
  return { registry, cloudCalls, runsFinished, pollerTicks, cloudObserver };
}
