// Re-seals every secret column with the current key (`npm run keys:rotate`): values sealed with
// the previous key, and values still in the v1 format, are opened and sealed again as v2 bound
// to their row. All in one transaction, so a value no key opens aborts the whole rotation and
// leaves every row as it was. Running it again finds nothing to do (idempotent).
import type { Db } from "../db/client";
import { Prisma } from "../db/generated/client";
import { decryptSecret, encryptSecret, isCurrent, secretContext } from "./secret-box";

/** Every column that holds a sealed secret. A new one must be added here, or rotation leaves it behind. */
export const SECRET_COLUMNS = [
  { table: "CloudAccount", column: "secretAccessKeyEnc" },
  { table: "Service", column: "webhookSecretEnc" },
] as const;

export type RotationCounts = Record<string, { resealed: number; current: number }>;

export class RotationFailed extends Error {}

export async function rotateSecrets(db: Db, keys: { current: string; previous?: string | undefined }): Promise<RotationCounts> {
  return db.$transaction(
    async (tx) => {
      const counts: RotationCounts = {};
      for (const { table, column } of SECRET_COLUMNS) {
        const t = Prisma.raw(`"${table}"`);
        const c = Prisma.raw(`"${column}"`);
        // FOR UPDATE: a secret rotated through the API meanwhile waits for this transaction.
        const rows = await tx.$queryRaw<{ id: string; sealed: string }[]>(Prisma.sql`SELECT "id", ${c} AS sealed FROM ${t} WHERE ${c} IS NOT NULL ORDER BY "id" FOR UPDATE`);
        const tally = { resealed: 0, current: 0 };
        for (const row of rows) {
          if (isCurrent(row.sealed, keys)) {
            tally.current += 1;
            continue;
          }
          const context = secretContext(table, column, row.id);
          let plaintext: string;
          try {
            plaintext = decryptSecret(row.sealed, keys, context);
          } catch (error) {
            throw new RotationFailed(
              `${table}.${column} of row ${row.id} opens with neither HANGAR_ENCRYPTION_KEY nor HANGAR_ENCRYPTION_KEY_PREVIOUS (${error instanceof Error ? error.message : String(error)}); nothing was changed`,
            );
          }
          // updatedAt is left alone: the secret did not change, so cached cloud clients stay valid.
          await tx.$executeRaw(Prisma.sql`UPDATE ${t} SET ${c} = ${encryptSecret(plaintext, keys, context)} WHERE "id" = ${row.id}`);
          tally.resealed += 1;
        }
        counts[`${table}.${column}`] = tally;
      }
      return counts;
    },
    // Thousands of rows at most; a rotation is rare and may take longer than a request's transaction.
    { timeout: 10 * 60_000 },
  );
}
