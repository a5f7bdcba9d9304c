// The launcher's own Postgres and Redis have generated passwords: a fresh cluster is created
// with one, a cluster from before (still on the old default) is moved to it at start, and the
// redis-server child refuses clients without it.
import { randomBytes } from "node:crypto";
import { rm } from "node:fs/promises";
import path from "node:path";
import net from "node:net";
import pg from "pg";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { LEGACY_POSTGRES_PASSWORD, startEmbeddedPostgres } from "../scripts/services/embedded-postgres";
import { freePort } from "../scripts/services/free-port";
import { startRedisServer } from "../scripts/services/redis-server";

const dir = path.resolve(".hangar/test-runs", `passwords-${randomBytes(4).toString("hex")}`);
afterAll(async () => rm(dir, { recursive: true, force: true }));

async function canConnect(url: string): Promise<boolean | string> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    return true;
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

describe("embedded Postgres password", () => {
  it("moves a cluster created with the old default password to the generated one", async () => {
    const port = await freePort();
    const dataDir = path.join(dir, "postgres");
    const old = await startEmbeddedPostgres({ dataDir, port });
    const legacyUrl = old.url("postgres");
    expect(legacyUrl).toContain(`postgres:${LEGACY_POSTGRES_PASSWORD}@`);
    await old.stop();

    const password = randomBytes(24).toString("hex");
    const current = await startEmbeddedPostgres({ dataDir, port, password });
    try {
      expect(current.url("postgres")).toContain(`postgres:${password}@`);
      expect(await canConnect(current.url("postgres"))).toBe(true);
      expect(await canConnect(legacyUrl)).toBe("28P01"); // the published password no longer works
    } finally {
      await current.stop();
    }
    // The next start finds it on the new password already.
    const again = await startEmbeddedPostgres({ dataDir, port, password });
    try {
      expect(await canConnect(again.url("postgres"))).toBe(true);
    } finally {
      await again.stop();
    }
  }, 120_000);
});

/** One inline command on a plain socket: what any local process (or a smuggled request) could send. */
function rawCommand(port: number, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1", () => socket.write(`${command}\r\n`));
    socket.once("data", (chunk) => {
      resolve(chunk.toString());
      socket.destroy();
    });
    socket.once("error", reject);
  });
}

describe("redis-server password", () => {
  it("refuses clients without it, and its URL carries it", async () => {
    const password = randomBytes(24).toString("hex");
    const port = await freePort();
    const redis = await startRedisServer({ dir: path.join(dir, "redis"), port, persistent: false, password });
    const authed = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 0 });
    try {
      expect(await rawCommand(port, "PING")).toMatch(/^-NOAUTH/);
      await authed.connect();
      expect(await authed.ping()).toBe("PONG");
      expect(redis.url).toBe(`redis://:${password}@127.0.0.1:${port}`);
    } finally {
      authed.disconnect();
      await redis.stop();
    }
  });
});
