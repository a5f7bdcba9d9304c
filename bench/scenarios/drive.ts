// Shared driving helpers: request/destroy many environments through lib/ (as the API does) and
// wait for them to settle, reading state from Postgres.
import { setTimeout as sleep } from "node:timers/promises";
import { destroyEnvironment } from "../../lib/environments/destroy-environment";
import { requestEnvironment } from "../../lib/environments/request-environment";
import { enqueueOutbox } from "../../lib/queue/outbox";
import type { Stack } from "../../scripts/services/process-stack";
import { shapeFor } from "../../scripts/services/environment-mix";

/** Runs fn over items with at most `parallel` in flight. */
export async function inParallel<T, R>(items: T[], parallel: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(parallel, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await fn(items[index]!, index);
      }
    }),
  );
  return results;
}

export async function requestMany(
  stack: Stack,
  count: number,
  /** `template`: a template slug, or "mix" (one- and two-group environments alternating). */
  options: { prefix: string; parallel?: number; template?: string; perMinute?: number },
): Promise<{ ids: string[]; requestedAt: number[]; since: Date }> {
  // Postgres timestamps have millisecond precision; a margin keeps the first row inside the range.
  const since = new Date(Date.now() - 5);
  const started = Date.now();
  const requestedAt: number[] = [];
  const ids = await inParallel(
    Array.from({ length: count }, (_, i) => i),
    options.parallel ?? 25,
    async (i) => {
      // Offered load: request i is sent no earlier than i / rate after the start.
      if (options.perMinute) await sleep(Math.max(0, started + (i * 60_000) / options.perMinute - Date.now()));
      const shape = shapeFor(options.template ?? "web-dev", i);
      const requested = await requestEnvironment(stack.db, stack.caller, { name: `${options.prefix}-${i}`, template: shape.template, parameters: shape.parameters, ttl: "1h" });
      requestedAt[i] = Date.now();
      await enqueueOutbox(stack.queues.get, [requested.outbox]);
      return requested.environmentId;
    },
  );
  return { ids, requestedAt, since };
}

export async function destroyMany(stack: Stack, ids: string[], parallel = 25): Promise<void> {
  await inParallel(ids, parallel, async (environmentId) => {
    const destroy = await destroyEnvironment(stack.db, stack.caller, { environmentId });
    await enqueueOutbox(stack.queues.get, [destroy.outbox]);
  });
}

/**
 * Waits until every environment requested since `since` reached one of the states (or failed);
 * returns the failed ones. It counts by team and creation time (an indexed range) once a second
 * rather than sending thousands of ids: the benchmark must not load the system it measures.
 */
export async function waitForStates(
  stack: Stack,
  batch: { since: Date; count: number },
  states: string[],
  options: { timeoutMs: number; label: string; progress?: boolean },
): Promise<string[]> {
  const deadline = Date.now() + options.timeoutMs;
  const where = { teamId: stack.caller.memberships[0]!.teamId, createdAt: { gte: batch.since } };
  let lastPrint = 0;
  for (;;) {
    const rows = await stack.db.environment.groupBy({ by: ["state"], where, _count: true });
    const count = (wanted: string[]) => rows.filter((r) => wanted.includes(r.state)).reduce((sum, r) => sum + r._count, 0);
    const done = count(states);
    const failed = count(["failed"]);
    if (options.progress && Date.now() - lastPrint > 10_000) {
      lastPrint = Date.now();
      console.log(`  ${options.label}: ${done}/${batch.count} (${failed} failed)`);
    }
    if (done + failed >= batch.count) {
      const failedRows = await stack.db.environment.findMany({ where: { ...where, state: "failed" }, select: { id: true } });
      return failedRows.map((r) => r.id);
    }
    if (Date.now() > deadline) throw new Error(`${options.label}: timed out with ${done}/${batch.count} done`);
    await sleep(1000);
  }
}
