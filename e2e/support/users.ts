// Users and teams the API cannot create yet (there is no team or user API): written straight
// into the system's database, which the global setup exposes as E2E_DATABASE_URL. Each call
// makes new rows with unique names, so runs never collide.
import { randomBytes, randomUUID } from "node:crypto";
import pg from "pg";
import { hashPassword } from "../../lib/identity/passwords";

export type SeededUser = { email: string; password: string; teamSlug: string };
type Role = "admin" | "platform" | "developer" | "viewer";

export function databaseUrl(): string | undefined {
  return process.env.E2E_DATABASE_URL;
}

/** A new user with `role` in `team` (an existing team slug, or a new team when it does not exist). */
export async function createUser(options: { role: Role; teamSlug: string; label: string }): Promise<SeededUser> {
  const url = databaseUrl();
  if (!url) throw new Error("E2E_DATABASE_URL is not set (the tests run against a system they did not start)");
  const suffix = randomBytes(3).toString("hex");
  const email = `${options.label}-${suffix}@e2e.hangar.local`;
  const password = `e2e-${randomBytes(9).toString("base64url")}`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("BEGIN");
    const team = await client.query<{ id: string }>(
      `INSERT INTO "Team" (id, slug, name, "updatedAt") VALUES ($1, $2, $3, now())
       ON CONFLICT (slug) DO UPDATE SET slug = EXCLUDED.slug RETURNING id`,
      [randomUUID(), options.teamSlug, `Team ${options.teamSlug}`],
    );
    const userId = randomUUID();
    await client.query(`INSERT INTO "User" (id, email, name, "passwordHash", "updatedAt") VALUES ($1, $2, $3, $4, now())`, [
      userId,
      email,
      `E2E ${options.label}`,
      await hashPassword(password),
    ]);
    await client.query(`INSERT INTO "Membership" ("userId", "teamId", role) VALUES ($1, $2, $3)`, [userId, team.rows[0]!.id, options.role]);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  } finally {
    await client.end();
  }
  return { email, password, teamSlug: options.teamSlug };
}
