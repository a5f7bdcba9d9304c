// One Redis subscriber per web process, fanned out to every open SSE stream, instead of one
// Redis connection per browser tab.
import type { Redis } from "ioredis";
import { environmentChannel, type EnvironmentEventKind } from "./run-events";

type Listener = (kind: EnvironmentEventKind) => void;

export class EnvironmentEventHub {
  private readonly listeners = new Map<string, Set<Listener>>();

  constructor(private readonly subscriber: Redis, private readonly prefix: string) {
    subscriber.on("message", (channel: string, message: string) => {
      for (const listener of this.listeners.get(channel) ?? []) listener(message as EnvironmentEventKind);
    });
  }

  /** Returns the unsubscribe function. */
  async subscribe(environmentId: string, listener: Listener): Promise<() => void> {
    const channel = environmentChannel(this.prefix, environmentId);
    let set = this.listeners.get(channel);
    if (!set) {
      set = new Set();
      this.listeners.set(channel, set);
      await this.subscriber.subscribe(channel);
    }
    set.add(listener);
    return () => {
      const current = this.listeners.get(channel);
      if (!current) return;
      current.delete(listener);
      if (current.size === 0) {
        this.listeners.delete(channel);
        this.subscriber.unsubscribe(channel).catch(() => undefined);
      }
    };
  }
}
