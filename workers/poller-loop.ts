// Runs the instance poller on the one worker process that holds the poller lease. Launches
// anywhere publish a "kick" so the leader polls fast again without waiting out a back-off.
import type { Redis } from "ioredis";
import type { InstancePoller } from "../lib/instances/instance-poller";
import type { Logger } from "../lib/log/logger";
import { LeaderLock } from "./leader-lock";

export type PollerLoop = { stop(): Promise<void>; kick(): void; isLeader(): boolean };

export function pollerKickChannel(prefix: string): string {
  return `${prefix}:poller:kick`;
}

export function startPollerLoop(options: {
  poller: InstancePoller;
  redis: Redis;
  subscriber: Redis;
  prefix: string;
  logger: Logger;
  minIntervalMs: number;
  /** The leader renews its lease each pass: it must outlast the longest sleep between passes. */
  leaseMs?: number;
}): PollerLoop {
  const leaseMs = options.leaseMs ?? 10_000;
  const lock = new LeaderLock(options.redis, `${options.prefix}:poller:leader`, leaseMs);
  const channel = pollerKickChannel(options.prefix);
  let running = true;
  let lastTickAt = 0;
  let wakeAt = 0;
  let timer: NodeJS.Timeout | undefined;
  let wake: (() => void) | undefined;

  const sleepUntil = (at: number) =>
    new Promise<void>((resolve) => {
      wakeAt = at;
      wake = resolve;
      timer = setTimeout(resolve, Math.max(0, at - Date.now()));
    });

  // A kick moves the next tick forward to lastTick + minInterval, never closer: a burst of
  // launches must not turn into a burst of Describe calls.
  const onKick = () => {
    options.poller.kick();
    const soonest = Math.max(Date.now(), lastTickAt + options.minIntervalMs);
    if (wake && wakeAt > soonest) {
      clearTimeout(timer);
      const resolve = wake;
      wakeAt = soonest;
      timer = setTimeout(resolve, soonest - Date.now());
    }
  };
  options.subscriber.on("message", (from: string) => {
    if (from === channel) onKick();
  });
  options.subscriber.subscribe(channel).catch((error: unknown) => options.logger.error({ err: error }, "poller kick subscription failed"));

  const done = (async () => {
    while (running) {
      let delay = leaseMs / 3;
      try {
        if (await lock.ensure()) {
          lastTickAt = Date.now();
          const result = await options.poller.tick();
          delay = result.nextDelayMs;
          if (result.changed > 0 || result.woken > 0) options.logger.debug(result, "poller tick");
        }
      } catch (error) {
        options.logger.error({ err: error }, "poller tick failed");
      }
      if (running) await sleepUntil(Date.now() + delay);
    }
    await lock.release().catch(() => undefined);
  })();

  return {
    kick: onKick,
    isLeader: () => lock.isHeld,
    async stop() {
      running = false;
      clearTimeout(timer);
      wake?.();
      await done;
    },
  };
}
