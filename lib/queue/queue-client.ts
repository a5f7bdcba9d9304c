// Queue handles for producers (web, workers enqueueing follow-ups) and the "wake a waiting run"
// operation the poller uses. One Redis connection is shared by all queues of a process.
import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { createRedis } from "./redis";
import { queueJobOptions, QueueName } from "./queues";

export type QueueClient = {
  get(name: QueueName): Queue;
  /** Moves a delayed run job to the front so it resumes now (no-op if it is not delayed). */
  wakeRun(runId: string): Promise<boolean>;
  close(): Promise<void>;
  readonly connection: Redis;
  readonly prefix: string;
};

export function createQueueClient(redisUrl: string, prefix: string): QueueClient {
  const connection = createRedis(redisUrl, "queue");
  const queues = new Map<QueueName, Queue>();
  const get = (name: QueueName) => {
    let queue = queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection, prefix, defaultJobOptions: queueJobOptions[name] });
      queues.set(name, queue);
    }
    return queue;
  };
  return {
    get,
    connection,
    prefix,
    async wakeRun(runId) {
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
    async close() {
      await Promise.all([...queues.values()].map((queue) => queue.close()));
      connection.disconnect();
    },
  };
}
