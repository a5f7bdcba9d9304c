// Gives every test process a Postgres server (with a migrated template database to clone per
// test file) and a Redis. Uses DATABASE_URL / REDIS_URL when set; otherwise starts an embedded
// Postgres and a redis-server child for this run only, so runs never collide.
import { randomBytes } from "node:crypto";
import { rm } from "node:fs/promises";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { migrate } from "../../lib/db/migrate";
import { postgresServer, redisServer } from "../../scripts/services/backing-services";
import { dropDatabase, ensureDatabase, withDatabase } from "../../scripts/services/embedded-postgres";

declare module "vitest" {
  export interface ProvidedContext {
    pgServerUrl: string;
    templateDatabase: string;
    redisUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const runId = `${process.pid}_${randomBytes(3).toString("hex")}`;
  const cleanups: (() => Promise<void>)[] = [];
  const runDir = path.resolve(".hangar/test-runs", runId);

  const postgres = await postgresServer(runDir);
  const serverUrl = postgres.url;
  cleanups.push(postgres.stop);
  const templateDatabase = `hangar_test_${runId}_template`;
  await ensureDatabase(serverUrl, templateDatabase);
  await migrate(withDatabase(serverUrl, templateDatabase), path.resolve("prisma/migrations"));
  cleanups.unshift(() => dropDatabase(serverUrl, templateDatabase));

  const redis = await redisServer(runDir);
  const redisUrl = redis.url;
  cleanups.push(redis.stop);

  project.provide("pgServerUrl", serverUrl);
  project.provide("templateDatabase", templateDatabase);
  project.provide("redisUrl", redisUrl);
  // Unit tests of lib/cloud read REDIS_URL directly.
  process.env.REDIS_URL = redisUrl;

  return async () => {
    for (const cleanup of cleanups) await cleanup().catch(() => undefined);
    await rm(runDir, { recursive: true, force: true });
  };
}
