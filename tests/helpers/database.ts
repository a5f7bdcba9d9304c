// A fresh, migrated database per test file, cloned from the run's template database (fast:
// CREATE DATABASE ... TEMPLATE), dropped afterwards.
import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import { createPrismaClient, type Db } from "../../lib/db/client";
import { dropDatabase, ensureDatabase, withDatabase } from "../../scripts/services/embedded-postgres";

export type TestDatabase = { url: string; db: Db; drop: () => Promise<void> };

export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = inject("pgServerUrl");
  const name = `hangar_test_${randomBytes(6).toString("hex")}`;
  await ensureDatabase(serverUrl, name, inject("templateDatabase"));
  const url = withDatabase(serverUrl, name);
  const db = createPrismaClient(url, { max: 20 });
  return {
    url,
    db,
    drop: async () => {
      await db.$disconnect();
      await dropDatabase(serverUrl, name);
    },
  };
}

export function testRedisPrefix(): string {
  return `hangar-test-${randomBytes(4).toString("hex")}`;
}
