// Step code writes through the run's fenced statements (commit/defer). Tests that call it
// outside a run write its effects directly, unfenced, in the same order.
import type { Db } from "../../lib/db/client";
import { Prisma } from "../../lib/db/generated/client";
import { sqlExecute } from "../../lib/db/sql";
import type { Effect } from "../../lib/runs/run-definition";

export function directWrites(db: Db) {
  const deferred: Effect[] = [];
  const commit = async (...effects: Effect[]) => {
    for (const effect of [...deferred.splice(0), ...effects]) await sqlExecute(db, effect(Prisma.sql`true`));
  };
  return { commit, defer: (effect: Effect) => void deferred.push(effect), flush: () => commit() };
}
