// `npm run db:migrate` and the `migrate` service of docker-compose.yml: applies
// prisma/migrations to DATABASE_URL, then seeds the demo (users, team, sandbox cloud account,
// example templates) when HANGAR_SEED_DEMO is true (compose sets it false unless asked; the
// seed needs HANGAR_DEMO_PASSWORD and only adds what is missing, so it is safe on every deploy).
// Without the seed and without any user, it prints a one-time link for creating the first admin.
//   --sandbox-endpoint URL   where the seeded `sandbox` cloud account points
//                            (default http://127.0.0.1:$SANDBOX_PORT; compose: http://sandbox:4510)
import { parseArgs } from "node:util";
import { ConfigError, parseConfig } from "../lib/config";
import { prepareDatabase } from "./prepare-database";

const log = (line: string) => process.stdout.write(`[migrate] ${line}\n`);

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { "sandbox-endpoint": { type: "string" } }, strict: true });
  const config = parseConfig(process.env);
  const missing = [
    !config.DATABASE_URL && "DATABASE_URL: required (postgresql://user:password@host:5432/hangar)",
    config.HANGAR_SEED_DEMO && !config.HANGAR_ENCRYPTION_KEY && "HANGAR_ENCRYPTION_KEY: required to seed the demo cloud account (or set HANGAR_SEED_DEMO=false)",
    config.HANGAR_SEED_DEMO && !config.HANGAR_DEMO_PASSWORD && "HANGAR_DEMO_PASSWORD: required to seed the demo users, at least 12 characters (or set HANGAR_SEED_DEMO=false)",
  ].filter((issue): issue is string => typeof issue === "string");
  if (missing.length > 0 || !config.DATABASE_URL) throw new ConfigError(missing);

  const sandboxEndpoint = values["sandbox-endpoint"] ?? `http://127.0.0.1:${config.SANDBOX_PORT}`;
  await prepareDatabase({
    databaseUrl: config.DATABASE_URL,
    seed: config.HANGAR_SEED_DEMO && config.HANGAR_ENCRYPTION_KEY && config.HANGAR_DEMO_PASSWORD
      ? { password: config.HANGAR_DEMO_PASSWORD, sandboxEndpoint, encryptionKey: config.HANGAR_ENCRYPTION_KEY }
      : null,
    templatesDir: config.HANGAR_TEMPLATES_DIR,
    setupLinkBaseUrl: config.HANGAR_URL,
    log,
  });
  log(config.HANGAR_SEED_DEMO ? `database ready (demo seeded, sandbox account at ${sandboxEndpoint})` : "database ready");
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError || error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
