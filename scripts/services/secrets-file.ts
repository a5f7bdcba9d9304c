// Secrets the embedded mode generates once and keeps in the data folder (mode 0600), so a
// restart keeps sessions valid, stored cloud keys decryptable, and the passwords of the demo
// users, the embedded Postgres and the redis-server child the same. A file written by an older
// version gains the entries it lacks; `added` names them (the Postgres password of a cluster
// created before it existed must be migrated, see embedded-postgres.ts).
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

export type LocalSecrets = {
  nextAuthSecret: string;
  encryptionKey: string;
  /** The demo users' password (unless HANGAR_DEMO_PASSWORD overrides it). */
  demoPassword: string;
  /** The embedded Postgres superuser's password. */
  postgresPassword: string;
  /** The redis-server child's `requirepass`. */
  redisPassword: string;
};

const GENERATORS: { [K in keyof LocalSecrets]: () => string } = {
  nextAuthSecret: () => randomBytes(32).toString("base64url"),
  encryptionKey: () => randomBytes(32).toString("base64"),
  // Readable enough to type from the terminal; 18 bytes is 144 bits.
  demoPassword: () => randomBytes(18).toString("base64url"),
  // Hex: safe inside a URL's userinfo without escaping.
  postgresPassword: () => randomBytes(24).toString("hex"),
  redisPassword: () => randomBytes(24).toString("hex"),
};

export function secretsFile(dataDir: string): string {
  return path.join(dataDir, "secrets.json");
}

export async function loadOrCreateSecrets(dataDir: string): Promise<LocalSecrets & { added: (keyof LocalSecrets)[] }> {
  const file = secretsFile(dataDir);
  const stored = existsSync(file) ? (JSON.parse(await readFile(file, "utf8")) as Partial<LocalSecrets>) : {};
  const added = (Object.keys(GENERATORS) as (keyof LocalSecrets)[]).filter((key) => typeof stored[key] !== "string" || stored[key] === "");
  const secrets = { ...stored } as LocalSecrets;
  for (const key of added) secrets[key] = GENERATORS[key]();
  if (added.length > 0) {
    await mkdir(dataDir, { recursive: true });
    await writeFile(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  // writeFile's mode applies only to a new file; an older one may have been created looser.
  await chmod(file, 0o600);
  return { ...secrets, added };
}
