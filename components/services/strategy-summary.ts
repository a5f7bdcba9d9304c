import type { HealthCheck, Strategy } from "@/lib/services/schemas";

/** A strategy in words, e.g. "Rolling, 2 at a time, 1 may be unavailable". */
export function strategySummary(strategy: Strategy): string {
  switch (strategy.type) {
    case "rolling":
      return `Rolling, ${strategy.batchSize} at a time${strategy.maxUnavailable > 0 ? `, ${strategy.maxUnavailable} may be unavailable` : ""}`;
    case "blue-green":
      return `Blue-green, old set kept ${strategy.graceMinutes} min`;
    case "canary":
      return `Canary, ${strategy.percent !== undefined ? `${strategy.percent}%` : `${strategy.count ?? 1} instance${strategy.count === 1 ? "" : "s"}`} first, bake ${strategy.bakeSeconds} s`;
  }
}

/** The health gate in words. */
export function healthCheckSummary(check: HealthCheck): string {
  if (!check.http) return "EC2 status checks";
  const { path, port, expectedStatus, timeoutSeconds } = check.http;
  return `EC2 status checks, then HTTP ${path} on port ${port} answers ${expectedStatus} within ${timeoutSeconds} s`;
}
