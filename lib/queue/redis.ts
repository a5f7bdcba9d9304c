import { Redis, type RedisOptions } from "ioredis";

export type RedisRole = "queue" | "worker" | "publisher" | "subscriber" | "limiter";

/** Workers and subscribers block, so they need `maxRetriesPerRequest: null` (BullMQ requires it). */
export function createRedis(url: string, role: RedisRole, extra: RedisOptions = {}): Redis {
  const blocking = role === "worker" || role === "subscriber";
  return new Redis(url, {
    connectionName: `hangar:${role}`,
    maxRetriesPerRequest: blocking ? null : 3,
    enableReadyCheck: true,
    ...extra,
  });
}
