// Change notifications for live views (SSE). Postgres stays the truth: an event only says
// "look again", so a lost message costs a little latency, never correctness.
import type { Redis } from "ioredis";

export type EnvironmentEventKind = "environment" | "run" | "step" | "log" | "instances";

export interface RunNotifier {
  environmentChanged(environmentId: string, kind: EnvironmentEventKind): void;
}

export const silentNotifier: RunNotifier = { environmentChanged: () => undefined };

export function environmentChannel(prefix: string, environmentId: string): string {
  return `${prefix}:events:env:${environmentId}`;
}

/**
 * Publishes at most one notification per environment per `coalesceMs`: the first at once, the
 * rest folded into one trailing message. A run changes several things within milliseconds; the
 * live view re-reads everything anyway. A folded burst is announced as "run" (look at it all).
 */
export function createRedisNotifier(redis: Redis, prefix: string, coalesceMs = 100): RunNotifier {
  const windows = new Map<string, { trailing: EnvironmentEventKind | null }>();
  const publish = (environmentId: string, kind: EnvironmentEventKind) => {
    redis.publish(environmentChannel(prefix, environmentId), kind).catch(() => undefined);
  };
  return {
    environmentChanged(environmentId, kind) {
      const open = windows.get(environmentId);
      if (open) {
        open.trailing = open.trailing === null || open.trailing === kind ? kind : "run";
        return;
      }
      publish(environmentId, kind);
      const window = { trailing: null as EnvironmentEventKind | null };
      windows.set(environmentId, window);
      setTimeout(() => {
        windows.delete(environmentId);
        if (window.trailing) publish(environmentId, window.trailing);
      }, coalesceMs).unref();
    },
  };
}
