// The project's migrator against real Postgres: applies in order, records rows exactly like
// `prisma migrate deploy` (so the two can be mixed), refuses edited migrations, and leaves
// nothing behind when a migration fails.
import { randomBytes } from "node:crypto";
import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { migrate, readMigrations } from "../lib/db/migrate";
import { dropDatabase, ensureDatabase, withDatabase } from "../scripts/services/embedded-postgres";

let dir: string;
let url: string;
const name = `hangar_migrate_${randomBytes(4).toString("hex")}`;

async function addMigration(folder: string, sql: string) {
  await mkdir(path.join(dir, folder), { recursive: true });
  await writeFile(path.join(dir, folder, "migration.sql"), sql);
}

async function query<T>(sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "hangar-migrations-"));
  await ensureDatabase(inject("pgServerUrl"), name);
  url = withDatabase(inject("pgServerUrl"), name);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await dropDatabase(inject("pgServerUrl"), name);
});

describe("migrate", () => {
  it("applies pending migrations in name order and records them like prisma migrate deploy", async () => {
    await addMigration("20260101000000_first", `CREATE TABLE "A" ("id" TEXT PRIMARY KEY);`);
    await addMigration("20260102000000_second", `ALTER TABLE "A" ADD COLUMN "b" INTEGER;`);
    expect(await migrate(url, dir)).toEqual({ applied: ["20260101000000_first", "20260102000000_second"], alreadyApplied: 0 });
    expect(await migrate(url, dir)).toEqual({ applied: [], alreadyApplied: 2 });
    const rows = await query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }>(
      `SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    const files = await readMigrations(dir);
    expect(rows.map((r) => [r.migration_name, r.checksum, r.applied_steps_count])).toEqual(files.map((f) => [f.name, f.checksum, 1]));
    expect(rows.every((r) => r.finished_at)).toBe(true);
  });

  it("refuses a migration edited after it was applied", async () => {
    await writeFile(path.join(dir, "20260101000000_first", "migration.sql"), `CREATE TABLE "A" ("id" TEXT PRIMARY KEY); -- edited`);
    await expect(migrate(url, dir)).rejects.toThrow(/modified after it was applied/);
    await writeFile(path.join(dir, "20260101000000_first", "migration.sql"), `CREATE TABLE "A" ("id" TEXT PRIMARY KEY);`);
  });

  it("rolls a failing migration back completely and retries it on the next run", async () => {
    await addMigration("20260103000000_broken", `CREATE TABLE "C" ("id" TEXT); SELECT no_such_function();`);
    await expect(migrate(url, dir)).rejects.toThrow(/20260103000000_broken failed/);
    expect(await query(`SELECT 1 FROM information_schema.tables WHERE table_name = 'C'`)).toHaveLength(0);
    await writeFile(path.join(dir, "20260103000000_broken", "migration.sql"), `CREATE TABLE "C" ("id" TEXT);`);
    expect((await migrate(url, dir)).applied).toEqual(["20260103000000_broken"]);
  });

  it("lets concurrent starters race safely (one applies, the others wait)", async () => {
    await addMigration("20260104000000_slow", `SELECT pg_sleep(0.3); CREATE TABLE "D" ("id" TEXT);`);
    const results = await Promise.all([migrate(url, dir), migrate(url, dir), migrate(url, dir)]);
    expect(results.flatMap((r) => r.applied)).toEqual(["20260104000000_slow"]);
  });
});
