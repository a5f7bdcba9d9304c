// The EC2 Query endpoint. Order of checks follows EC2: authentication, action, throttling,
// authorization (deny list), injected faults, then the action itself (which validates, honours
// DryRun and applies). Every call is counted with its outcome.
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { findAction } from "../actions/registry";
import { findRegion, isCallableRegion } from "../catalog/regions";
import type { RuntimeConfig } from "../config/runtime-config";
import type { CloudState } from "../engine/cloud-state";
import type { Random } from "../engine/random";
import { Ec2Error, errors } from "../protocol/ec2-error";
import { QueryParams } from "../protocol/query-params";
import { parseAuthorization, verifySignature, type ParsedAuthorization } from "../protocol/sigv4";
import { errorXml, successXml } from "../protocol/xml";
import type { Counters, Outcome } from "../traffic/counters";
import type { FaultInjector } from "../traffic/faults";
import type { TokenBuckets } from "../traffic/token-buckets";

export interface Ec2EndpointDeps {
  state: CloudState;
  config: RuntimeConfig;
  counters: Counters;
  buckets: TokenBuckets;
  faults: FaultInjector;
  random: Random;
  clock: () => number;
  credentials: Readonly<Record<string, string>> | undefined;
  log: (line: string) => void;
}

/** Counters key unauthenticated calls under this account/region. */
const ANONYMOUS = "-";

function send(res: ServerResponse, status: number, requestId: string, xml: string): void {
  res.writeHead(status, {
    "content-type": "text/xml;charset=UTF-8",
    "content-length": Buffer.byteLength(xml),
    "x-amzn-requestid": requestId,
    server: "AmazonEC2",
  });
  res.end(xml);
}

function queryObject(url: URL): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of url.searchParams) {
    const existing = query[key];
    query[key] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return query;
}

async function authenticate(
  req: IncomingMessage,
  url: URL,
  body: string,
  deps: Ec2EndpointDeps,
): Promise<ParsedAuthorization> {
  const auth = parseAuthorization(req.headers.authorization);
  if (!isCallableRegion(auth.region)) throw errors.authFailure();
  if (deps.credentials !== undefined) {
    const secret = Object.hasOwn(deps.credentials, auth.accessKeyId) ? deps.credentials[auth.accessKeyId] : undefined;
    if (secret === undefined) throw errors.authFailure();
    const request = {
      method: req.method ?? "POST",
      path: url.pathname,
      query: queryObject(url),
      headers: req.headers,
      body,
    };
    await verifySignature(request, auth, secret, deps.clock());
  }
  return auth;
}

export async function handleEc2Request(
  req: IncomingMessage,
  res: ServerResponse,
  body: string,
  deps: Ec2EndpointDeps,
): Promise<void> {
  const requestId = randomUUID();
  const url = new URL(req.url ?? "/", "http://sandbox.local");
  const isForm = (req.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded");
  const params = QueryParams.fromEntries([
    ...url.searchParams,
    ...(isForm || req.method === "POST" ? new URLSearchParams(body) : []),
  ]);
  const actionName = params.string("Action") ?? "";
  let account = ANONYMOUS;
  let regionName = ANONYMOUS;
  const finish = (outcome: Outcome, status: number, xml: string): void => {
    deps.counters.record(account, regionName, actionName, outcome);
    send(res, status, requestId, xml);
  };
  const fail = (error: Ec2Error): void =>
    finish({ kind: "error", code: error.code }, error.status, errorXml(error.code, error.message, requestId));

  try {
    const auth = await authenticate(req, url, body, deps);
    account = auth.accessKeyId;
    regionName = auth.region;
    if (actionName === "") throw new Ec2Error("MissingAction", "The request must contain the parameter Action");
    const action = findAction(actionName);
    if (action === undefined) throw errors.invalidAction(actionName);
    if (!deps.buckets.take(account, regionName, action.category, deps.clock())) throw errors.throttled();
    if (deps.faults.isDenied(actionName)) throw errors.unauthorized();
    const injected = deps.faults.injectedError(actionName, account, regionName);
    if (injected !== undefined) throw injected;
    const latency = deps.faults.latencyMs(actionName);
    if (latency > 0) await sleep(latency);

    const now = deps.clock();
    const config = deps.config.current;
    const partition = deps.state.partition(account, regionName);
    partition.sweep(now, config.retention);
    const region = findRegion(regionName);
    if (region === undefined) throw errors.authFailure();
    const xml = action.handle({
      params,
      account,
      region,
      partition,
      now,
      random: deps.random,
      config,
      faults: deps.faults,
      state: deps.state,
    });

    if (deps.faults.shouldDrop(actionName)) {
      // The action took effect; the client only sees a reset connection and will retry.
      deps.counters.record(account, regionName, actionName, { kind: "dropped" });
      req.socket.destroy();
      return;
    }
    finish({ kind: "ok" }, 200, successXml(actionName, requestId, xml));
  } catch (error) {
    if (error instanceof Ec2Error) return fail(error);
    deps.log(
      `sandbox: internal error in ${actionName}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    fail(errors.internal());
  }
}
