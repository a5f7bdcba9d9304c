// Migrate + seed, for the launcher and for operators (`npm run db:prepare`). The seed only
// creates what is missing, so it is safe on every start.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createPrismaClient } from "../lib/db/client";
import { migrate } from "../lib/db/migrate";
import { seedDemo } from "../lib/seed/seed-demo";
import { upgradeAfterPublish } from "../lib/environments/upgrade-batches";
import { describeFolderSync, syncTemplatesFolder } from "../lib/templates/sync-templates-folder";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export async function prepareDatabase(options: {
  databaseUrl: string;
  seed: { password: string; sandboxEndpoint: string; encryptionKey: string } | null;
  /** HANGAR_TEMPLATES_DIR: the team's templates folder, published after the seed. */
  templatesDir?: string | undefined;
  log?: (line: string) => void;
}): Promise<void> {
  const result = await migrate(options.databaseUrl, path.join(root, "prisma/migrations"));
  if (result.applied.length > 0) options.log?.(`applied migrations: ${result.applied.join(", ")}`);
  if (!options.seed && !options.templatesDir) return;
  const db = createPrismaClient(options.databaseUrl, { max: 2 });
  try {
    if (options.seed) await seedDemo(db, { ...options.seed, templatesDir: path.join(root, "examples/templates") });
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
}
