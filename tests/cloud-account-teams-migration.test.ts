// Upgrading in place: cloud accounts that exist when 20261202100000_cloud_account_teams runs were
// usable by every team and stay so (shared with all), so running installs keep requesting
// environments; accounts created afterwards are shared with nobody unless someone says so.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { dropDatabase, ensureDatabase, withDatabase } from "../scripts/services/embedded-postgres";

const MIGRATION = "20261202100000_cloud_account_teams";
const dir = path.resolve("prisma/migrations");
const serverUrl = () => inject("pgServerUrl");
const name = `hangar_migration_${randomBytes(6).toString("hex")}`;
let client: pg.Client;

const apply = async (folder: string) => client.query(readFileSync(path.join(dir, folder, "migration.sql"), "utf8"));

beforeAll(async () => {
  await ensureDatabase(serverUrl(), name);
  client = new pg.Client({ connectionString: withDatabase(serverUrl(), name) });
  await client.connect();
  const folders = readdirSync(dir).filter((f) => /^\d{14}_/.test(f)).sort();
  for (const folder of folders.filter((f) => f < MIGRATION)) await apply(folder);
});
afterAll(async () => {
  await client?.end();
  await dropDatabase(serverUrl(), name);
});

describe("the cloud account teams migration", () => {
  it("shares accounts that existed with all teams, and new ones with none by default", async () => {
    const insert = (id: string) =>
      client.query(`INSERT INTO "CloudAccount" ("id", "name", "provider", "regions", "defaultRegion", "credentialSource", "updatedAt") VALUES ($1, $1, 'aws', ARRAY['us-east-1'], 'us-east-1', 'default_chain', now())`, [id]);
    await insert("before-upgrade");
    await apply(MIGRATION);
    await insert("after-upgrade");
    const rows = await client.query<{ id: string; sharedWithAll: boolean; ownerTeamId: string | null }>(`SELECT "id", "sharedWithAll", "ownerTeamId" FROM "CloudAccount" ORDER BY "id"`);
    expect(rows.rows).toEqual([
      { id: "after-upgrade", sharedWithAll: false, ownerTeamId: null },
      { id: "before-upgrade", sharedWithAll: true, ownerTeamId: null },
    ]);
  });
});
