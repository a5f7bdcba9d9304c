// Queue handles for producers (web, workers enqueueing follow-ups) and the "wake a parked run"
// operation. One Redis connection is shared by all queues of a process.
import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { createRedis } from "./redis";
import { queueJobOptions, QueueName } from "./queues";

export type QueueClient = {
  get(name: QueueName): Queue;
  /**
   * Resumes a parked run now. A run that is still executing when woken (it is about to park)
   * finds the wake-up with consumeWake() right after parking, so no wake-up is lost.
   */
  wakeRun(runId: string): Promise<boolean>;
  /** Takes a wake-up left for the run while it executed; true if there was one. */
  consumeWake(runId: string): Promise<boolean>;
  close(): Promise<void>;
  readonly connection: Redis;
  readonly prefix: string;
};

/** A wake-up waits this long for its run to park. */
const WAKE_TTL_MS = 30_000;

/** `onError`: where connection errors go while Redis is unreachable (ioredis keeps reconnecting). */
export function createQueueClient(redisUrl: string, prefix: string, onError: (error: Error) => void = () => undefined): QueueClient {
  const connection = createRedis(redisUrl, "queue");
  connection.on("error", onError);
  const queues = new Map<QueueName, Queue>();
  const get = (name: QueueName) => {
    let queue = queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection, prefix, defaultJobOptions: queueJobOptions[name] });
      queue.on("error", onError);
      queues.set(name, queue);
    }
    return queue;
  };
  const wakeKey = (runId: string) => `${prefix}:wake:${runId}`;
  return {
    get,
    connection,
    prefix,
    async wakeRun(runId) {
      // The mark first, then the promote: whichever side comes second sees the other's work.
      await connection.set(wakeKey(runId), "1", "PX", WAKE_TTL_MS);
      const job = await get(QueueName.runs).getJob(runId);
      if (!job) return false;
      try {
        if (!(await job.isDelayed())) return false;
        await job.promote();
        return true;
      } catch {
        // It left the delayed set between the check and the promote: it is running already.
        return false;
      }
    },
    async consumeWake(runId) {
      return (await connection.getdel(wakeKey(runId))) !== null;
    },
    async close() {
      await Promise.all([...queues.values()].map((queue) => queue.close()));
      connection.disconnect();
    },
  };
}
