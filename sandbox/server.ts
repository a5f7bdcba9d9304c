// startSandbox(): the EC2-compatible emulator as an in-process HTTP server. Tests start one per
// file on port 0; `sandbox/main.ts` wraps it as a standalone process.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { RuntimeConfig } from "./config/runtime-config";
import type { Faults, LimitsPatch, Retention, TimingPreset, Timings } from "./config/schema";
import { CloudState } from "./engine/cloud-state";
import { Random } from "./engine/random";
import { handleAdminRequest } from "./http/admin-endpoint";
import { refuseAdminRequest } from "./http/admin-guard";
import { handleEc2Request } from "./http/ec2-endpoint";
import { handleInstanceHttp, matchInstanceHttp } from "./http/instance-http";
import { loadSnapshot, SnapshotWriter } from "./persistence/snapshot-writer";
import { Counters } from "./traffic/counters";
import { FaultInjector } from "./traffic/faults";
import { TokenBuckets } from "./traffic/token-buckets";

export interface SandboxOptions {
  /** 0 picks a free port. */
  port: number;
  host: string;
  /** Load state from this file at start and keep it updated (debounced, atomic). */
  stateFile: string | undefined;
  /** accessKeyId -> secretAccessKey. When set, SigV4 signatures are verified. */
  credentials: Record<string, string> | undefined;
  /** Seed for ids, timings and fault rates (reproducible runs). */
  seed: number | undefined;
  timings: TimingPreset | Partial<Timings>;
  limits: LimitsPatch;
  faults: Partial<Faults>;
  retention: Partial<Retention>;
  snapshotDebounceMs: number;
  /** Time source in epoch ms; tests can move time forward without waiting. */
  clock: () => number;
  /** Where internal errors and snapshot failures are reported. */
  log: (line: string) => void;
  /**
   * Host names (besides loopback ones and the listen host) the control API answers to, e.g. the
   * compose service name; any other Host header is refused (admin-guard.ts).
   */
  allowedHosts: readonly string[];
}

export interface Sandbox {
  url: string;
  port: number;
  host: string;
  config: RuntimeConfig;
  counters: Counters;
  /** Writes the state file now (no-op without stateFile). */
  flush(): Promise<void>;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 2 * 1024 * 1024;

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on("end", () => resolve(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

export async function startSandbox(options: Partial<SandboxOptions> = {}): Promise<Sandbox> {
  const clock = options.clock ?? Date.now;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const initial = {
    timings: options.timings,
    limits: options.limits,
    faults: options.faults,
    retention: options.retention,
  };
  const startConfig = JSON.parse(JSON.stringify(initial)) as typeof initial;
  const config = new RuntimeConfig(startConfig);
  const random = new Random(options.seed);
  const state = new CloudState();
  const counters = new Counters();
  const buckets = new TokenBuckets(config.current.limits);
  let limitsJson = JSON.stringify(config.current.limits);
  config.onChange((values) => {
    const next = JSON.stringify(values.limits);
    if (next !== limitsJson) buckets.setLimits(values.limits);
    limitsJson = next;
  });
  const faults = new FaultInjector(config, random);

  let writer: SnapshotWriter | undefined;
  if (options.stateFile !== undefined) {
    loadSnapshot(options.stateFile, state);
    writer = new SnapshotWriter(options.stateFile, state, options.snapshotDebounceMs ?? 500, clock, log);
    const w = writer;
    state.onChange(() => w.schedule());
  }

  const ec2Deps = { state, config, counters, buckets, faults, random, clock, credentials: options.credentials, log };
  const adminDeps = {
    state,
    config,
    counters,
    buckets,
    clock,
    startedAt: clock(),
    resetConfig: () => config.reset(startConfig),
  };

  const host = options.host ?? "127.0.0.1";
  const wildcard = host === "0.0.0.0" || host === "::";
  const allowedHosts = [...(options.allowedHosts ?? []), ...(wildcard ? [] : [host])];

  const server: Server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      if (body === undefined) {
        res.writeHead(413, { "content-type": "text/plain" }).end("request body too large");
        return;
      }
      const instanceHttp = matchInstanceHttp(req.url);
      if (instanceHttp !== undefined) await handleInstanceHttp(req, res, instanceHttp, adminDeps);
      else if ((req.url ?? "").startsWith("/_sandbox/")) {
        const refusal = refuseAdminRequest(req, allowedHosts);
        if (refusal) res.writeHead(refusal.status, { "content-type": "application/json" }).end(JSON.stringify(refusal.body));
        else handleAdminRequest(req, res, body, adminDeps);
      }
      else await handleEc2Request(req, res, body, ec2Deps);
    })().catch((error: unknown) => {
      log(`sandbox: request failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end("internal error");
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(":") ? `[${host}]` : host;

  let closed: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    host,
    config,
    counters,
    flush: async () => writer?.flush(),
    close: () => {
      closed ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await writer?.flush();
      })();
      return closed;
    },
  };
}
