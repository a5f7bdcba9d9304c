// Makes a user made by createUser a site administrator (there is no API for that: the first
// admin comes from the setup link or the demo seed).
import pg from "pg";
import { databaseUrl } from "./users";

export async function makeSiteAdmin(email: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl() });
  await client.connect();
  try {
    await client.query(`UPDATE "User" SET "isAdmin" = true WHERE email = $1`, [email]);
  } finally {
    await client.end();
  }
}
