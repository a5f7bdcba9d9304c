// Secrets the embedded mode generates once and keeps in the data folder (mode 0600), so a
// restart keeps sessions valid and stored cloud keys decryptable.
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

export type LocalSecrets = { nextAuthSecret: string; encryptionKey: string };

export async function loadOrCreateSecrets(dataDir: string): Promise<LocalSecrets> {
  const file = path.join(dataDir, "secrets.json");
  if (existsSync(file)) return JSON.parse(await readFile(file, "utf8")) as LocalSecrets;
  const secrets = { nextAuthSecret: randomBytes(32).toString("base64url"), encryptionKey: randomBytes(32).toString("base64") };
  await mkdir(dataDir, { recursive: true });
  await writeFile(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
