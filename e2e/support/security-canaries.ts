// Where the canary spec looks for its secrets once they have been used: the launched system's
// log file, every table of its database (as text, so a secret stored in plain text anywhere is
// found, not only in the audit log), and any page or answer it collected.
import { readFile } from "node:fs/promises";
import { sql } from "./security-world";

/** Lines (or rows) that hold a canary, with which canary: [] when none leaked. */
export function findCanaries(
  where: string,
  text: string,
  canaries: Record<string, string>,
): string[] {
  const found: string[] = [];
  for (const [name, value] of Object.entries(canaries)) {
    let at = text.indexOf(value);
    while (at >= 0 && found.length < 20) {
      found.push(
        `${name} in ${where}: …${text.slice(Math.max(0, at - 120), at + value.length + 40).replace(/\s+/g, " ")}…`,
      );
      at = text.indexOf(value, at + value.length);
    }
  }
  return found;
}

/** The launched system's log (web, worker, sandbox), whose path the global setup exports. */
export async function systemLog(): Promise<string | null> {
  const file = process.env.E2E_LOG_FILE;
  return file ? readFile(file, "utf8") : null;
}

/** Every row of every table that holds a canary in any column, as `table: row`. */
export async function databaseRowsWith(
  canaries: Record<string, string>,
): Promise<string[]> {
  const tables = await sql<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT LIKE '\\_%'`,
  );
  const patterns = Object.values(canaries).map(
    (value) => `%${value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
  );
  const found: string[] = [];
  for (const { table_name: table } of tables) {
    const rows = await sql<{ row: string }>(
      `SELECT t::text AS row FROM "${table.replace(/"/g, '""')}" t WHERE t::text LIKE ANY($1) LIMIT 5`,
      [patterns],
    );
    for (const { row } of rows)
      found.push(...findCanaries(`table ${table}`, row, canaries));
  }
  return found;
}
