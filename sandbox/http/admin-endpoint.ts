// The unsigned JSON control API under /_sandbox/: health, counters, live config, an instance
// dump with transition timestamps (for tests and benchmarks), each account's network (and a way
// to add to it, admin-network.ts), an instance's simulated behaviour (admin-behaviour.ts) and a
// state reset.
import type { IncomingMessage, ServerResponse } from "node:http";
import { ZodError } from "zod";
import type { RuntimeConfig } from "../config/runtime-config";
import type { CloudState } from "../engine/cloud-state";
import { isVisible } from "../engine/instance";
import type { Counters } from "../traffic/counters";
import type { TokenBuckets } from "../traffic/token-buckets";
import { BEHAVIOUR_ROUTE, setBehaviour } from "./admin-behaviour";
import { addToNetwork, getNetwork, type AdminReply } from "./admin-network";
import { instanceView } from "./instance-view";

export interface AdminDeps {
  state: CloudState;
  config: RuntimeConfig;
  counters: Counters;
  buckets: TokenBuckets;
  clock: () => number;
  startedAt: number;
  /** Resets config to the values the sandbox was started with. */
  resetConfig: () => void;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

const reply = (res: ServerResponse, answer: AdminReply): void => json(res, answer.status, answer.body);

function parseJson(body: string): unknown {
  if (body.trim() === "") return {};
  return JSON.parse(body) as unknown;
}

const optional = (value: string | null): string | undefined => (value === null || value === "" ? undefined : value);

export function handleAdminRequest(req: IncomingMessage, res: ServerResponse, body: string, deps: AdminDeps): void {
  const url = new URL(req.url ?? "/", "http://sandbox.local");
  const route = `${req.method ?? "GET"} ${url.pathname.replace(/\/+$/, "")}`;
  const q = url.searchParams;
  const now = deps.clock();
  const behaviour = BEHAVIOUR_ROUTE.exec(url.pathname.replace(/\/+$/, ""));
  if (behaviour !== null && (req.method === "PUT" || req.method === "PATCH")) {
    try {
      return reply(res, setBehaviour(deps.state, behaviour[1] as string, parseJson(body)));
    } catch (error) {
      if (error instanceof SyntaxError) return json(res, 400, { error: "invalid_json", message: error.message });
      throw error;
    }
  }
  switch (route) {
    case "GET /_sandbox/health": {
      const partitions = deps.state.all();
      return json(res, 200, {
        status: "ok",
        uptimeMs: now - deps.startedAt,
        partitions: partitions.length,
        instances: partitions.reduce((n, p) => n + p.instanceCount(), 0),
      });
    }
    case "GET /_sandbox/counters": {
      const filter = {
        account: optional(q.get("account")),
        region: optional(q.get("region")),
        action: optional(q.get("action")),
      };
      const counters = deps.counters.list(filter);
      if (q.get("reset") === "1" || q.get("reset") === "true") deps.counters.reset();
      return json(res, 200, { counters });
    }
    case "POST /_sandbox/counters/reset":
      deps.counters.reset();
      return json(res, 200, { ok: true });
    case "GET /_sandbox/config":
      return json(res, 200, deps.config.current);
    case "PUT /_sandbox/config":
    case "PATCH /_sandbox/config": {
      try {
        return json(res, 200, deps.config.apply(parseJson(body)));
      } catch (error) {
        if (error instanceof ZodError) {
          const issues = error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
          return json(res, 400, { error: "invalid_config", issues });
        }
        if (error instanceof SyntaxError) return json(res, 400, { error: "invalid_json", message: error.message });
        throw error;
      }
    }
    case "GET /_sandbox/instances": {
      const account = optional(q.get("account"));
      const region = optional(q.get("region"));
      const partitions = deps.state
        .all()
        .filter(
          (p) => (account === undefined || p.account === account) && (region === undefined || p.region.name === region),
        );
      const visibleMs = deps.config.current.retention.terminatedVisibleMs;
      const instances = partitions.flatMap((p) =>
        p.ordered.filter((i) => isVisible(i, now, visibleMs)).map((i) => instanceView(p, i, now)),
      );
      return json(res, 200, { now: new Date(now).toISOString(), instances });
    }
    case "GET /_sandbox/network":
      return reply(res, getNetwork(deps.state, optional(q.get("account")), optional(q.get("region"))));
    case "POST /_sandbox/network":
      try {
        return reply(res, addToNetwork(deps.state, parseJson(body)));
      } catch (error) {
        if (error instanceof SyntaxError) return json(res, 400, { error: "invalid_json", message: error.message });
        throw error;
      }
    case "POST /_sandbox/reset": {
      deps.state.clear();
      deps.counters.reset();
      deps.buckets.clear();
      if (q.get("config") === "1" || q.get("config") === "true") deps.resetConfig();
      return json(res, 200, { ok: true });
    }
    default:
      return json(res, 404, { error: "not_found", route });
  }
}
