// The HTTP service every sandbox instance "runs", so a deployment's HTTP health check goes over
// the network for real instead of being faked in Hangar:
//   GET /_sandbox/instances/<instance-id>/http/<port>/<path...>
// A running instance answers 200 (or the status its user data asks for with
// `hangar-sandbox: http=500`, after `http-delay=5s`); an instance that is not running drops the
// connection as a stopped host would; an id no account has is a 404. Every port answers the
// same: the sandbox does not model listening sockets.
import type { IncomingMessage, ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import type { RuntimeConfig } from "../config/runtime-config";
import type { CloudState } from "../engine/cloud-state";
import { stateAt, type InstanceRecord } from "../engine/instance";

export interface InstanceHttpDeps {
  state: CloudState;
  config: RuntimeConfig;
  clock: () => number;
}

export interface InstanceHttpRequest {
  instanceId: string;
  port: number;
  /** Path on the instance, with its query, always starting with `/`. */
  path: string;
}

const ROUTE = /^\/_sandbox\/instances\/(i-[0-9a-f]{8,17})\/http\/(\d{1,5})(\/[^?]*)?(\?.*)?$/;

/** The instance, port and path a request addresses, or undefined when it is not an instance HTTP call. */
export function matchInstanceHttp(url: string | undefined): InstanceHttpRequest | undefined {
  const match = ROUTE.exec(url ?? "");
  if (match === null) return undefined;
  return { instanceId: match[1] as string, port: Number(match[2]), path: `${match[3] ?? "/"}${match[4] ?? ""}` };
}

function findInstance(deps: InstanceHttpDeps, id: string, now: number): InstanceRecord | undefined {
  const visibleMs = deps.config.current.retention.terminatedVisibleMs;
  for (const partition of deps.state.all()) {
    const instance = partition.visible(id, now, visibleMs);
    if (instance !== undefined) return instance;
  }
  return undefined;
}

function send(req: IncomingMessage, res: ServerResponse, status: number, body: object): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(req.method === "HEAD" ? undefined : text);
}

export async function handleInstanceHttp(
  req: IncomingMessage,
  res: ServerResponse,
  request: InstanceHttpRequest,
  deps: InstanceHttpDeps,
): Promise<void> {
  const { instanceId, port, path } = request;
  if (port < 1 || port > 65_535) return send(req, res, 400, { error: "invalid_port", message: `port ${port} is not 1-65535` });
  const instance = findInstance(deps, instanceId, deps.clock());
  if (instance === undefined) {
    return send(req, res, 404, { error: "unknown_instance", message: `no instance ${instanceId} in any account` });
  }
  const refuse = (): void => {
    req.socket.destroy();
  };
  if (stateAt(instance, deps.clock()) !== "running") return refuse();
  const { httpStatus, httpDelayMs } = instance.behaviour;
  if (httpDelayMs > 0) {
    await sleep(httpDelayMs);
    // Stopped or terminated while the answer was on its way: the connection dies with the host.
    if (stateAt(instance, deps.clock()) !== "running") return refuse();
  }
  send(req, res, httpStatus, { instanceId, port, path, status: httpStatus });
}
