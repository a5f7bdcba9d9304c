// Wakes deploys parked in roll_out the moment there is something to look at, instead of each
// run polling on a timer: a batch's instances all running (the instance poller records that), or
// their EC2 status checks all `ok` (or one `impaired`). Runs on the worker leader every 300 ms;
// the status checks of every gating deploy of an account and region are one
// DescribeInstanceStatus (the batcher), whose answer the woken run then reuses. A run is woken
// once per change of what it waits for, not at every look.
import type { Db } from "../db/client";
import { Prisma } from "../db/generated/client";
import { sqlRows } from "../db/sql";
import type { ProviderRegistry } from "../cloud-accounts/provider-registry";
import type { HealthBatcher } from "./instance-health-batcher";

/** How roll_out's waits begin (its waitReason), so the watcher knows what each one waits for. */
export const WAIT_RUNNING = "Waiting for";
export const WAIT_GATE = "Health gate";

type Parked = { runId: string; cloudAccountId: string; region: string; waitReason: string; ids: string[]; allRunning: boolean };

export type GateWatcher = { pass(): Promise<string[]> };

export function createGateWatcher(deps: { db: Db; providers: ProviderRegistry; health: HealthBatcher; wake: (runId: string) => Promise<unknown> }): GateWatcher {
  // What each parked run was last woken for: woken again only when that changes.
  let seen = new Map<string, string>();
  return {
    async pass() {
      const parked = await sqlRows<Parked>(deps.db, Prisma.sql`
        SELECT r."id" AS "runId", e."cloudAccountId", e."region", s."waitReason",
          array_agg(i."cloudId" ORDER BY i."cloudId") AS ids, bool_and(i."state" = 'running') AS "allRunning"
        FROM "Run" r
        JOIN "RunStep" s ON s."runId" = r."id" AND s."name" = 'roll_out' AND s."state" = 'waiting'
        JOIN "Environment" e ON e."id" = r."environmentId"
        JOIN "Instance" i ON i."environmentId" = r."environmentId" AND i."launchedByRunId" = r."id" AND i."outOfServiceAt" IS NOT NULL
          AND i."retiredByRunId" IS NULL AND i."state" NOT IN ('terminated', 'shutting-down')
        WHERE r."kind" = 'deploy' AND r."state" = 'running' AND r."leaseOwner" IS NULL
        GROUP BY r."id", e."cloudAccountId", e."region", s."waitReason"`);
      const next = new Map<string, string>();
      const woken: string[] = [];
      const wake = (run: Parked, signature: string) => {
        next.set(run.runId, signature);
        if (seen.get(run.runId) !== signature) woken.push(run.runId);
      };
      const gating = new Map<string, Parked[]>();
      for (const run of parked) {
        if (!run.allRunning) continue;
        if (run.waitReason?.startsWith(WAIT_RUNNING)) wake(run, `running:${run.ids.join(",")}`);
        else if (run.waitReason?.startsWith(WAIT_GATE)) {
          const key = `${run.cloudAccountId}\n${run.region}`;
          gating.set(key, [...(gating.get(key) ?? []), run]);
        }
      }
      for (const [key, runs] of gating) {
        const [accountId, region] = key.split("\n") as [string, string];
        const provider = await deps.providers.providerFor(accountId, region);
        const health = await deps.health.health(provider, runs.flatMap((r) => r.ids));
        for (const run of runs) {
          const states = run.ids.map((id) => health.get(id)).map((h) => (h ? `${h.systemStatus}/${h.instanceStatus}` : "unknown"));
          const decided = states.every((s) => s === "ok/ok") || states.some((s) => s.includes("impaired"));
          if (decided) wake(run, `gate:${run.ids.join(",")}:${states.join(",")}`);
        }
      }
      seen = next;
      await Promise.all(woken.map((runId) => deps.wake(runId).catch(() => undefined)));
      return woken;
    },
  };
}
