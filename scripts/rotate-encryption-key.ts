// `npm run keys:rotate`: re-seals every stored secret (cloud account keys, service webhook
// secrets) with HANGAR_ENCRYPTION_KEY, reading what HANGAR_ENCRYPTION_KEY_PREVIOUS sealed, in
// one transaction; prints how many values it re-sealed per column. Safe to run again.
// The steps around it are in docs/cloud.md ("Rotating the encryption key").
import { ConfigError, parseConfig } from "../lib/config";
import { createPrismaClient } from "../lib/db/client";
import { rotateSecrets } from "../lib/security/rotate-secrets";

async function main(): Promise<void> {
  const config = parseConfig(process.env);
  const missing = [
    !config.DATABASE_URL && "DATABASE_URL: required (the database whose secrets to re-seal)",
    !config.HANGAR_ENCRYPTION_KEY && "HANGAR_ENCRYPTION_KEY: required (the new key)",
  ].filter((issue): issue is string => typeof issue === "string");
  if (missing.length > 0 || !config.DATABASE_URL || !config.HANGAR_ENCRYPTION_KEY) throw new ConfigError(missing);
  if (!config.HANGAR_ENCRYPTION_KEY_PREVIOUS) {
    process.stdout.write("HANGAR_ENCRYPTION_KEY_PREVIOUS is not set: only values the current key opens (old format included) can be re-sealed.\n");
  }
  const db = createPrismaClient(config.DATABASE_URL, { max: 2 });
  try {
    const counts = await rotateSecrets(db, { current: config.HANGAR_ENCRYPTION_KEY, previous: config.HANGAR_ENCRYPTION_KEY_PREVIOUS });
    for (const [column, { resealed, current }] of Object.entries(counts)) {
      process.stdout.write(`${column}: ${resealed} re-sealed, ${current} already current\n`);
    }
    const total = Object.values(counts).reduce((sum, c) => sum + c.resealed, 0);
    process.stdout.write(total > 0 ? `Done: ${total} secret(s) re-sealed with the current key.\n` : "Nothing to do: every secret is sealed with the current key.\n");
  } finally {
    await db.$disconnect();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
