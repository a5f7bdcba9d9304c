// Postgres commits per environment lifecycle (request -> ready -> destroy -> destroyed), measured
// by Postgres itself: pg_stat_database.xact_commit for the stack's database (every transaction,
// reads included), and transaction ids assigned (write transactions only), over N environments.
// Includes the API's own writes (request, destroy), every worker statement, and the pollers,
// relay and reconciler running meanwhile; excludes only the benchmark's own polling.
import { setTimeout as sleep } from "node:timers/promises";
import { destroyEnvironment } from "../../lib/environments/destroy-environment";
import { enqueueOutbox } from "../../lib/queue/outbox";
import type { Stack } from "../../scripts/services/process-stack";
import { requestMany } from "./drive";

export type CommitsResult = {
  environments: number;
  template: string;
  commits: number;
  commitsPerLifecycle: number;
  writeTransactions: number;
  writeTransactionsPerLifecycle: number;
  benchmarkQueries: number;
  /**
   * Statements by how often they ran per lifecycle (pg_stat_statements, nested ones included:
   * foreign-key checks, and BEGIN/COMMIT count as statements).
   */
  topStatements: { perLifecycle: number; query: string }[];
  wallMs: number;
};

/** Backends report their counts at most every second, idle ones within 10 s: wait that out. */
const STATS_SETTLE_MS = 11_000;

export async function commitsPerLifecycle(stack: Stack, count: number, template: string): Promise<CommitsResult> {
  let own = 0;
  const query = async <T>(run: () => Promise<T>): Promise<T> => {
    own += 1;
    return run();
  };
  const commitsNow = async () =>
    Number((await query(() => stack.db.$queryRaw<{ n: bigint }[]>`SELECT xact_commit AS n FROM pg_stat_database WHERE datname = current_database()`))[0]!.n);
  const nextXid = async () => BigInt((await query(() => stack.db.$queryRaw<{ x: string }[]>`SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS x`))[0]!.x);
  const waitFor = async (ids: string[], state: "ready" | "destroyed") => {
    for (;;) {
      const done = await query(() => stack.db.environment.count({ where: { id: { in: ids }, state: { in: [state, "failed"] } } }));
      if (done === ids.length) return;
      await sleep(1000);
    }
  };

  await query(() => stack.db.$executeRawUnsafe("CREATE EXTENSION IF NOT EXISTS pg_stat_statements"));
  await sleep(STATS_SETTLE_MS);
  await query(() => stack.db.$queryRawUnsafe("SELECT pg_stat_statements_reset()"));
  const beforeCommits = await commitsNow();
  const beforeXid = await nextXid();
  const started = Date.now();
  const { ids } = await requestMany(stack, count, { prefix: `commits-${started.toString(36)}`, template });
  await waitFor(ids, "ready");
  for (const environmentId of ids) {
    const destroy = await destroyEnvironment(stack.db, stack.caller, { environmentId });
    await enqueueOutbox(stack.queues.get, [destroy.outbox]);
  }
  await waitFor(ids, "destroyed");
  const wallMs = Date.now() - started;
  await sleep(STATS_SETTLE_MS);
  const afterXid = await nextXid();
  const afterCommits = await commitsNow();
  const statements = await query(() =>
    stack.db.$queryRaw<{ calls: bigint; query: string }[]>`
      SELECT calls, query FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
      ORDER BY calls DESC LIMIT 60`,
  );
  // Our own statements: every counted query but the three before the window opened.
  const benchmarkQueries = own - 3;
  const commits = afterCommits - beforeCommits - benchmarkQueries;
  const writeTransactions = Number(afterXid - beforeXid);
  return {
    environments: count,
    template,
    commits,
    commitsPerLifecycle: commits / count,
    writeTransactions,
    writeTransactionsPerLifecycle: writeTransactions / count,
    benchmarkQueries,
    topStatements: statements.map((row) => ({ perLifecycle: Number(row.calls) / count, query: row.query.replace(/\s+/g, " ").slice(0, 160) })),
    wallMs,
  };
}
