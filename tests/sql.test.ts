// The run engine's direct statements (lib/db/sql.ts) must read and write exactly what Prisma
// does: timestamps as the same UTC instants whatever the session's TimeZone, bigint ids as
// BigInt, and the same results inside a transaction (where they fall back to Prisma).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "../lib/db/generated/client";
import { createPrismaClient, poolOf } from "../lib/db/client";
import { sqlExecute, sqlRows } from "../lib/db/sql";
import { createTestDatabase, type TestDatabase } from "./helpers/database";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

describe("sqlRows / sqlExecute", () => {
  it("round-trips timestamps and bigint ids exactly as Prisma reads them, in any session time zone", async () => {
    const { db } = database;
    const at = new Date("2026-03-29T01:30:00.123Z");
    // Sessions in a far-off zone (UTC+14): a timestamp written or parsed as local time would shift.
    const farOff = createPrismaClient(`${database.url}${database.url.includes("?") ? "&" : "?"}options=${encodeURIComponent("-c TimeZone=Pacific/Kiritimati")}`, { max: 2 });
    const [zone] = await sqlRows<{ TimeZone: string }>(farOff, Prisma.sql`SHOW TIME ZONE`);
    expect(zone!.TimeZone).toBe("Pacific/Kiritimati");
    const [row] = await sqlRows<{ id: bigint; createdAt: Date }>(
      farOff,
      Prisma.sql`INSERT INTO "OutboxMessage" ("queue", "jobName", "jobId", "payload", "createdAt") VALUES ('q', 'j', 'id-1', ${JSON.stringify({ a: 1 })}::jsonb, ${at}) RETURNING "id", "createdAt"`,
    );
    expect(typeof row!.id).toBe("bigint");
    expect(row!.createdAt.toISOString()).toBe(at.toISOString());
    const viaPrisma = await db.outboxMessage.findUniqueOrThrow({ where: { id: row!.id } });
    expect(viaPrisma.createdAt.toISOString()).toBe(at.toISOString());
    expect(viaPrisma.payload).toEqual({ a: 1 });

    const count = await sqlExecute(db, Prisma.sql`UPDATE "OutboxMessage" SET "attempts" = "attempts" + 1 WHERE "jobId" = ${"id-1"}`);
    expect(count).toBe(1);
    const [again] = await sqlRows<{ attempts: number; createdAt: Date }>(db, Prisma.sql`SELECT "attempts", "createdAt" FROM "OutboxMessage" WHERE "id" = ${row!.id}`);
    expect(again).toEqual({ attempts: 1, createdAt: at });
    await farOff.$disconnect();
  });

  it("runs inside a transaction through Prisma, seeing the transaction's own writes and rolling back with it", async () => {
    const { db } = database;
    await expect(
      db.$transaction(async (tx) => {
        await sqlExecute(tx, Prisma.sql`INSERT INTO "OutboxMessage" ("queue", "jobName", "jobId", "payload") VALUES ('q', 'j', 'tx-1', '{}'::jsonb)`);
        const rows = await sqlRows<{ jobId: string }>(tx, Prisma.sql`SELECT "jobId" FROM "OutboxMessage" WHERE "jobId" = ${"tx-1"}`);
        expect(rows).toEqual([{ jobId: "tx-1" }]);
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(await db.outboxMessage.count({ where: { jobId: "tx-1" } })).toBe(0);
  });

  it("keeps working past the cap on named statements (texts beyond it run unnamed)", async () => {
    const { db } = database;
    for (let i = 0; i < 210; i += 1) {
      const [row] = await sqlRows<{ n: number }>(db, Prisma.sql`SELECT ${i}::int + ${Prisma.raw(String(i))} AS n`);
      expect(row!.n).toBe(2 * i);
    }
  });

  it("$disconnect closes the pool even when only direct statements used it", async () => {
    const client = createPrismaClient(database.url, { max: 2 });
    await sqlRows(client, Prisma.sql`SELECT 1 AS one`);
    const pool = poolOf(client)!;
    expect(pool.totalCount).toBe(1);
    await client.$disconnect();
    expect(pool.ending).toBe(true);
    expect(pool.totalCount).toBe(0);
  });
});
