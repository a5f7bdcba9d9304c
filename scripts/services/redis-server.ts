// Runs a `redis-server` child process with append-only persistence and `noeviction` (BullMQ
// must never lose keys to eviction) when the operator did not point Hangar at a Redis.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { Redis } from "ioredis";

export type RunningRedis = { url: string; stop: () => Promise<void> };

export const REDIS_MISSING_MESSAGE = [
  "No redis-server binary was found on PATH, and REDIS_URL is not set.",
  "Either install Redis 7 (Debian/Ubuntu: sudo apt-get install -y redis-server; macOS: brew install redis)",
  "or point Hangar at an existing Redis: REDIS_URL=redis://host:6379 npm start",
].join("\n");

export function hasRedisServer(): boolean {
  return spawnSync("redis-server", ["--version"], { stdio: "ignore" }).status === 0;
}

/** `password`: set as `requirepass` (loopback alone would let any local user or browser-borne request in). */
export async function startRedisServer(options: { dir: string; port: number; persistent: boolean; password?: string; onLog?: (line: string) => void }): Promise<RunningRedis> {
  if (!hasRedisServer()) throw new Error(REDIS_MISSING_MESSAGE);
  const dir = path.resolve(options.dir);
  await mkdir(dir, { recursive: true });
  const args = [
    "--port", String(options.port),
    "--bind", "127.0.0.1",
    "--dir", dir,
    "--save", "",
    "--appendonly", options.persistent ? "yes" : "no",
    "--maxmemory-policy", "noeviction",
    "--daemonize", "no",
    "--logfile", "",
    // The password comes on stdin ("-" reads config from it), not argv, which `ps` shows.
    ...(options.password ? ["-"] : []),
  ];
  // Its own process group: a Ctrl-C meant for the launcher must not stop Redis under a worker
  // that is still shutting down; the launcher stops it last.
  const child: ChildProcess = spawn("redis-server", args, { stdio: [options.password ? "pipe" : "ignore", "pipe", "pipe"], detached: true });
  if (options.password) child.stdin?.end(`requirepass ${options.password}\n`);
  child.stdout?.on("data", (chunk: Buffer) => options.onLog?.(chunk.toString().trimEnd()));
  child.stderr?.on("data", (chunk: Buffer) => options.onLog?.(chunk.toString().trimEnd()));
  const url = `redis://${options.password ? `:${encodeURIComponent(options.password)}@` : ""}127.0.0.1:${options.port}`;
  await waitUntilReady(url, child);
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM"); // redis-server flushes the AOF and exits cleanly on SIGTERM
    await exited;
  };
  return { url, stop };
}

async function waitUntilReady(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode} (port taken?)`);
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on("error", () => undefined); // refused while starting: expected, retried below
    try {
      await client.connect();
      if ((await client.ping()) === "PONG") return;
    } catch {
      // not up yet
    } finally {
      client.disconnect();
    }
    await sleep(50);
  }
  throw new Error("redis-server did not become ready within 10 s");
}
