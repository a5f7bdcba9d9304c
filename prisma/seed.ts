// `npx prisma db seed` (see prisma.config.ts): the demo seed alone, against DATABASE_URL.
// `npm start` and `npm run db:migrate` run it for you; it only adds what is missing.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { getRuntimeConfig } from "../lib/config";
import { createPrismaClient } from "../lib/db/client";
import { PUBLISHED_DEMO_PASSWORD, seedDemo } from "../lib/seed/seed-demo";

const config = getRuntimeConfig();
if (!config.HANGAR_DEMO_PASSWORD) {
  console.error("HANGAR_DEMO_PASSWORD: required for the demo seed alone (at least 12 characters); `npm start` generates one for you");
  process.exit(1);
}
const db = createPrismaClient(config.DATABASE_URL, { max: 2 });
try {
  await seedDemo(db, {
    password: config.HANGAR_DEMO_PASSWORD,
    replacePasswords: [PUBLISHED_DEMO_PASSWORD],
    sandboxEndpoint: `http://127.0.0.1:${config.SANDBOX_PORT}`,
    encryptionKey: config.HANGAR_ENCRYPTION_KEY,
    templatesDir: path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../examples/templates"),
  });
} finally {
  await db.$disconnect();
}
