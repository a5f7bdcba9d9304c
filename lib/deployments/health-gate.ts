// A deploy's health gate for a batch of new instances: EC2 status checks (system and instance
// both `ok`), then, when the service has one, an HTTP check of each instance. Each instance is
// passed, still pending (initializing, or the app not answering yet) or failed (a check
// `impaired`, or the HTTP check answering wrong `HTTP_FAILURES_TO_FAIL` times in a row).
import type { CloudProvider, InstanceHealth } from "../cloud/provider";
import type { HealthCheck } from "../services/schemas";

export const HTTP_FAILURES_TO_FAIL = 3;

const GONE_OR_STOPPED = new Set(["shutting-down", "terminated", "stopping", "stopped"]);

export type GateState = "passed" | "pending" | "failed";

export type GateResult = {
  instanceId: string;
  batch: number;
  statusChecks: { system: string; instance: string };
  http: { url?: string; status?: number; ms?: number; error?: string } | null;
  state: GateState;
  detail: string;
  at: string;
};

export type GateInstance = { cloudId: string; publicIp: string | null; privateIp: string | null };

export type GateInput = {
  provider: CloudProvider;
  health: (provider: CloudProvider, ids: string[]) => Promise<Map<string, InstanceHealth>>;
  instances: GateInstance[];
  healthCheck: HealthCheck;
  batch: number;
  /** Consecutive wrong HTTP answers so far, per instance (updated in place). */
  httpFailures: Record<string, number>;
  fetch?: typeof fetch;
  now?: () => Date;
};

export async function checkGate(input: GateInput): Promise<GateResult[]> {
  const now = input.now ?? (() => new Date());
  const health = await input.health(input.provider, input.instances.map((i) => i.cloudId));
  return Promise.all(
    input.instances.map(async (instance): Promise<GateResult> => {
      const h = health.get(instance.cloudId);
      const statusChecks = { system: h?.systemStatus ?? "insufficient-data", instance: h?.instanceStatus ?? "insufficient-data" };
      const base = { instanceId: instance.cloudId, batch: input.batch, statusChecks, at: now().toISOString() };
      // Stopped or terminated outside Hangar while it was gated: it will not pass.
      if (h && GONE_OR_STOPPED.has(h.state)) return { ...base, http: null, state: "failed", detail: `the instance is ${h.state}` };
      if (statusChecks.system === "impaired" || statusChecks.instance === "impaired") {
        return { ...base, http: null, state: "failed", detail: `EC2 status checks failed (system ${statusChecks.system}, instance ${statusChecks.instance})` };
      }
      if (statusChecks.system !== "ok" || statusChecks.instance !== "ok") {
        return { ...base, http: null, state: "pending", detail: `EC2 status checks are ${statusChecks.system === "ok" ? statusChecks.instance : statusChecks.system}` };
      }
      const http = input.healthCheck.http;
      if (!http) return { ...base, http: null, state: "passed", detail: "EC2 status checks ok" };
      const result = await httpCheck(input, instance, http);
      if (result.status === http.expectedStatus) {
        input.httpFailures[instance.cloudId] = 0;
        return { ...base, http: result, state: "passed", detail: `EC2 status checks ok; HTTP ${http.path} answered ${result.status}` };
      }
      const failures = (input.httpFailures[instance.cloudId] ?? 0) + 1;
      input.httpFailures[instance.cloudId] = failures;
      const what = result.status !== undefined ? `answered ${result.status}, expected ${http.expectedStatus}` : `failed: ${result.error}`;
      return failures >= HTTP_FAILURES_TO_FAIL
        ? { ...base, http: result, state: "failed", detail: `HTTP check ${http.path} on port ${http.port} ${what} (${failures} times in a row)` }
        : { ...base, http: result, state: "pending", detail: `HTTP check ${http.path} ${what}; trying again` };
    }),
  );
}

async function httpCheck(input: GateInput, instance: GateInstance, http: NonNullable<HealthCheck["http"]>): Promise<NonNullable<GateResult["http"]>> {
  const url = input.provider.healthCheckUrl({ id: instance.cloudId, ...(instance.publicIp ? { publicIp: instance.publicIp } : {}), ...(instance.privateIp ? { privateIp: instance.privateIp } : {}) }, http);
  if (url === undefined) return { error: "the instance has no address to reach" };
  const started = Date.now();
  try {
    const response = await (input.fetch ?? fetch)(url, { signal: AbortSignal.timeout(http.timeoutSeconds * 1000), redirect: "manual" });
    await response.body?.cancel().catch(() => undefined);
    return { url, status: response.status, ms: Date.now() - started };
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
    return { url, ms: Date.now() - started, error: timedOut ? `no answer within ${http.timeoutSeconds} s` : error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error) };
  }
}

/** One line for a log or a failure reason: what failed, per instance. */
export function gateSummary(results: GateResult[], state: GateState): string {
  return results
    .filter((r) => r.state === state)
    .map((r) => `${r.instanceId}: ${r.detail}`)
    .join("; ");
}
