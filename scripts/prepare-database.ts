// Migrate + seed, for the launcher and for operators (`npm run db:prepare`). The seed only
// creates what is missing, so it is safe on every start. Without the seed, an install that has
// no user yet gets a one-time setup link for its first admin, printed through `log`.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createPrismaClient } from "../lib/db/client";
import { migrate } from "../lib/db/migrate";
import { issueSetupLinkIfNoUsers } from "../lib/identity/setup-link";
import { PUBLISHED_DEMO_PASSWORD, seedDemo } from "../lib/seed/seed-demo";
import { upgradeAfterPublish } from "../lib/environments/upgrade-batches";
import { describeFolderSync, syncTemplatesFolder } from "../lib/templates/sync-templates-folder";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export async function prepareDatabase(options: {
  databaseUrl: string;
  seed: { password: string; sandboxEndpoint: string; encryptionKey: string } | null;
  /** HANGAR_TEMPLATES_DIR: the team's templates folder, published after the seed. */
  templatesDir?: string | undefined;
  /** HANGAR_URL: without the seed and without any user, a setup link under it is printed. */
  setupLinkBaseUrl?: string;
  log?: (line: string) => void;
}): Promise<{ setupLink: { url: string; expiresAt: Date } | null }> {
  let setupLink: { url: string; expiresAt: Date } | null = null;
  const result = await migrate(options.databaseUrl, path.join(root, "prisma/migrations"));
  if (result.applied.length > 0) options.log?.(`applied migrations: ${result.applied.join(", ")}`);
  const wantsSetupLink = !options.seed && options.setupLinkBaseUrl !== undefined;
  if (!options.seed && !options.templatesDir && !wantsSetupLink) return { setupLink };
  const db = createPrismaClient(options.databaseUrl, { max: 2 });
  try {
    if (options.seed) {
      await seedDemo(db, { ...options.seed, templatesDir: path.join(root, "examples/templates"), replacePasswords: [PUBLISHED_DEMO_PASSWORD] });
    } else if (wantsSetupLink) {
      setupLink = await issueSetupLinkIfNoUsers(db, { baseUrl: options.setupLinkBaseUrl! });
      if (setupLink) {
        options.log?.(`No user yet. Create the first admin (link valid until ${setupLink.expiresAt.toISOString()}, once):`);
        options.log?.(`  ${setupLink.url}`);
      }
    }
    if (options.templatesDir) {
      for (const line of describeFolderSync(
        // Upgrades started here are enqueued by the worker's outbox relay once it runs.
        await syncTemplatesFolder(db, path.resolve(options.templatesDir), undefined, {
          onPublished: async (published) => {
            const { error } = await upgradeAfterPublish(db, { system: "templates-folder" }, published);
            if (error) options.log?.(error);
          },
        }),
      )) options.log?.(`templates (${options.templatesDir}): ${line}`);
    }
  } finally {
    await db.$disconnect();
  }
  return { setupLink };
}
